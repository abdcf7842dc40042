"""The demo home introduction and about page (portal/demo.py) in the partners' languages.

{slug: {language: {field: text}}}; `load_demo` fills only empty translations, so pages
staff have edited keep their wording.
"""

OBJECTIVES = {
    "it": (
        "- Rafforzare la competitività delle PMI associate ai cluster partner.\n"
        "- Creare una nuova catena del valore nell'urbanizzazione intelligente e nelle smart "
        "city.\n"
        "- Sostenere e facilitare la capacità delle PMI di interagire con partner "
        "internazionali.\n"
        "- Attuare una strategia e una roadmap comuni di internazionalizzazione."
    ),
    "es": (
        "- Reforzar la competitividad de las pymes que son miembros de los clústeres socios.\n"
        "- Crear una nueva cadena de valor en la urbanización inteligente y las ciudades "
        "inteligentes.\n"
        "- Apoyar y facilitar la capacidad de las pymes para relacionarse con socios "
        "internacionales.\n"
        "- Poner en marcha una estrategia y una hoja de ruta comunes de internacionalización."
    ),
    "bg": (
        "- Повишаване на конкурентоспособността на МСП, членове на клъстерите партньори.\n"
        "- Създаване на нова верига на стойността в интелигентната урбанизация и умните "
        "градове.\n"
        "- Подкрепа и улесняване на възможностите на МСП да си взаимодействат с "
        "международни партньори.\n"
        "- Прилагане на обща стратегия и пътна карта за интернационализация."
    ),
    "el": (
        "- Ενίσχυση της ανταγωνιστικότητας των ΜμΕ που είναι μέλη των συνεργαζόμενων "
        "συστάδων (clusters).\n"
        "- Δημιουργία μιας νέας αλυσίδας αξίας στην έξυπνη αστικοποίηση και τις έξυπνες "
        "πόλεις.\n"
        "- Υποστήριξη και διευκόλυνση των ΜμΕ στη συνεργασία με διεθνείς εταίρους.\n"
        "- Εφαρμογή κοινής στρατηγικής και οδικού χάρτη διεθνοποίησης."
    ),
    "sr-latn": (
        "- Jačanje konkurentnosti MSP koja su članovi partnerskih klastera.\n"
        "- Stvaranje novog lanca vrednosti u pametnoj urbanizaciji i pametnim gradovima.\n"
        "- Podrška i olakšavanje saradnje MSP sa međunarodnim partnerima.\n"
        "- Sprovođenje zajedničke strategije i mape puta internacionalizacije."
    ),
}

HOME = {
    "it": {
        "title": "Cluster per la città del futuro",
        "lead": (
            "C2Future è un partenariato strategico europeo di sei cluster di imprese della "
            "mobilità, dell'edilizia e delle costruzioni, dei servizi pubblici e dell'energia, "
            "dell'ambiente e dell'ICT. Insieme aiutiamo le PMI associate a portare i loro "
            "prodotti e servizi per la smart city sui mercati internazionali."
        ),
        "body": "I nostri quattro obiettivi:\n\n" + OBJECTIVES["it"],
    },
    "es": {
        "title": "Clústeres para la ciudad del futuro",
        "lead": (
            "C2Future es una asociación estratégica europea de seis clústeres empresariales "
            "de movilidad, construcción y edificación, servicios públicos y energía, medio "
            "ambiente y TIC. Juntos ayudamos a nuestras pymes asociadas a llevar sus "
            "productos y servicios para la ciudad inteligente a los mercados internacionales."
        ),
        "body": "Nuestros cuatro objetivos:\n\n" + OBJECTIVES["es"],
    },
    "bg": {
        "title": "Клъстери за града на бъдещето",
        "lead": (
            "C2Future е европейско стратегическо партньорство на шест бизнес клъстера в "
            "областта на мобилността, строителството и сградите, комуналните услуги и "
            "енергетиката, околната среда и ИКТ. Заедно помагаме на нашите МСП членове да "
            "изведат своите продукти и услуги за умния град на международните пазари."
        ),
        "body": "Нашите четири цели:\n\n" + OBJECTIVES["bg"],
    },
    "el": {
        "title": "Συστάδες για την πόλη του μέλλοντος",
        "lead": (
            "Το C2Future είναι μια ευρωπαϊκή στρατηγική σύμπραξη έξι επιχειρηματικών "
            "συστάδων (clusters) στους τομείς της κινητικότητας, των κατασκευών και των "
            "κτιρίων, των υπηρεσιών κοινής ωφέλειας και της ενέργειας, του περιβάλλοντος και "
            "των ΤΠΕ. Μαζί βοηθάμε τις ΜμΕ-μέλη μας να φέρουν τα προϊόντα και τις υπηρεσίες "
            "τους για την έξυπνη πόλη στις διεθνείς αγορές."
        ),
        "body": "Οι τέσσερις στόχοι μας:\n\n" + OBJECTIVES["el"],
    },
    "sr-latn": {
        "title": "Klasteri za grad budućnosti",
        "lead": (
            "C2Future je evropsko strateško partnerstvo šest poslovnih klastera iz oblasti "
            "mobilnosti, građevinarstva i zgradarstva, komunalnih usluga i energetike, "
            "životne sredine i IKT. Zajedno pomažemo našim MSP članicama da svoje proizvode "
            "i usluge za pametne gradove plasiraju na međunarodna tržišta."
        ),
        "body": "Naša četiri cilja:\n\n" + OBJECTIVES["sr-latn"],
    },
}

ABOUT = {
    "it": {
        "title": "Informazioni su C2Future",
        "lead": (
            "C2Future – Clusters for the City of the Future – è un partenariato strategico "
            "europeo tra cluster nel campo delle smart city, cofinanziato dal programma COSME "
            "dell'Unione europea (azione per l'internazionalizzazione dei cluster, bando "
            "COS-CLUSINT-2019-3-01, circa 200.000 euro)."
        ),
        "body": (
            "Il progetto è durato 24 mesi, dal 1° settembre 2020 al 31 agosto 2022. Il suo "
            "scopo è una nuova catena del valore nell'urbanizzazione intelligente e "
            "l'internazionalizzazione delle PMI associate ai cluster partner, oltre 800 "
            "imprese in sei cluster, verso i mercati dei paesi terzi.\n\n"
            "Obiettivi:\n\n" + OBJECTIVES["it"] + "\n\n"
            "Settori: mobilità; edilizia e costruzioni; servizi pubblici ed energia; ambiente; "
            "ICT.\n\n"
            "Mercati obiettivo indicati nel corso del progetto: gli Stati Uniti (la "
            "California, con il suo programma di sicurezza stradale Vision Zero), il Canada, "
            "il Messico, la Colombia e l'Algeria. L'evento finale si è concentrato su "
            "California, Colombia e Messico.\n\n"
            "La prima attività è stata un'indagine e una mappatura delle competenze, dei "
            "prodotti e dei servizi delle PMI associate tramite un breve questionario online; "
            "i risultati alimentano la strategia e la roadmap comuni di "
            "internazionalizzazione e sono pubblicati su questo portale.\n\n"
            "Durante il progetto si sono svolti sei eventi B2B e cluster-to-cluster (C2C) e "
            "una serie di webinar, le cui registrazioni restano disponibili."
        ),
    },
    "es": {
        "title": "Acerca de C2Future",
        "lead": (
            "C2Future – Clusters for the City of the Future – es una asociación estratégica "
            "europea de clústeres en el ámbito de las ciudades inteligentes, cofinanciada por "
            "el programa COSME de la Unión Europea (acción de internacionalización de "
            "clústeres, convocatoria COS-CLUSINT-2019-3-01, unos 200 000 euros)."
        ),
        "body": (
            "El proyecto duró 24 meses, del 1 de septiembre de 2020 al 31 de agosto de 2022. "
            "Su objetivo es una nueva cadena de valor en la urbanización inteligente y la "
            "internacionalización de las pymes miembros de los clústeres socios, más de 800 "
            "empresas en seis clústeres, hacia mercados de terceros países.\n\n"
            "Objetivos:\n\n" + OBJECTIVES["es"] + "\n\n"
            "Sectores: movilidad; construcción y edificación; servicios públicos y energía; "
            "medio ambiente; TIC.\n\n"
            "Mercados objetivo señalados a lo largo del proyecto: Estados Unidos (California, "
            "con su programa de seguridad vial Visión Cero), Canadá, México, Colombia y "
            "Argelia. El evento final se centró en California, Colombia y México.\n\n"
            "La primera actividad fue una encuesta y un mapeo de las competencias, los "
            "productos y los servicios de las pymes miembros mediante un breve cuestionario "
            "en línea; sus resultados alimentan la estrategia y la hoja de ruta comunes de "
            "internacionalización y se publican en este portal.\n\n"
            "Durante el proyecto se celebraron seis eventos B2B y de clúster a clúster (C2C) "
            "y una serie de seminarios web, cuyas grabaciones siguen disponibles."
        ),
    },
    "bg": {
        "title": "За C2Future",
        "lead": (
            "C2Future – Clusters for the City of the Future (Клъстери за града на бъдещето) – "
            "е европейско стратегическо клъстерно партньорство в областта на умните градове, "
            "съфинансирано от програма COSME на Европейския съюз (действие за "
            "интернационализация на клъстери, покана COS-CLUSINT-2019-3-01, около "
            "200 000 евро)."
        ),
        "body": (
            "Проектът продължи 24 месеца, от 1 септември 2020 г. до 31 август 2022 г. Целта "
            "му е нова верига на стойността в интелигентната урбанизация и "
            "интернационализацията на МСП, членове на клъстерите партньори – над 800 "
            "компании в шест клъстера – към пазарите на трети страни.\n\n"
            "Цели:\n\n" + OBJECTIVES["bg"] + "\n\n"
            "Сектори: мобилност; строителство и сгради; комунални услуги и енергетика; "
            "околна среда; ИКТ.\n\n"
            "Целеви пазари, посочени по време на проекта: САЩ (Калифорния с нейната "
            "програма за пътна безопасност Vision Zero), Канада, Мексико, Колумбия и Алжир. "
            "Заключителното събитие беше посветено на Калифорния, Колумбия и Мексико.\n\n"
            "Първата дейност беше проучване и картографиране на уменията, продуктите и "
            "услугите на МСП членове чрез кратък онлайн въпросник; резултатите от него "
            "захранват общата стратегия и пътна карта за интернационализация и се публикуват "
            "на този портал.\n\n"
            "По време на проекта бяха проведени шест B2B и клъстер-към-клъстер (C2C) "
            "събития и поредица от уебинари, чиито записи остават достъпни."
        ),
    },
    "el": {
        "title": "Σχετικά με το C2Future",
        "lead": (
            "Το C2Future – Clusters for the City of the Future (Συστάδες για την πόλη του "
            "μέλλοντος) – είναι μια ευρωπαϊκή στρατηγική σύμπραξη συστάδων στον τομέα των "
            "έξυπνων πόλεων, συγχρηματοδοτούμενη από το πρόγραμμα COSME της Ευρωπαϊκής "
            "Ένωσης (δράση διεθνοποίησης συστάδων, πρόσκληση COS-CLUSINT-2019-3-01, περίπου "
            "200.000 ευρώ)."
        ),
        "body": (
            "Το έργο διήρκεσε 24 μήνες, από την 1η Σεπτεμβρίου 2020 έως τις 31 Αυγούστου "
            "2022. Στόχος του είναι μια νέα αλυσίδα αξίας στην έξυπνη αστικοποίηση και η "
            "διεθνοποίηση των ΜμΕ-μελών των συνεργαζόμενων συστάδων, πάνω από 800 "
            "επιχειρήσεων σε έξι συστάδες, προς αγορές τρίτων χωρών.\n\n"
            "Στόχοι:\n\n" + OBJECTIVES["el"] + "\n\n"
            "Τομείς: κινητικότητα· κατασκευές και κτίρια· υπηρεσίες κοινής ωφέλειας και "
            "ενέργεια· περιβάλλον· ΤΠΕ.\n\n"
            "Αγορές-στόχοι που αναφέρθηκαν κατά τη διάρκεια του έργου: οι ΗΠΑ (η "
            "Καλιφόρνια, με το πρόγραμμα οδικής ασφάλειας Vision Zero), ο Καναδάς, το "
            "Μεξικό, η Κολομβία και η Αλγερία. Η τελική εκδήλωση επικεντρώθηκε στην "
            "Καλιφόρνια, την Κολομβία και το Μεξικό.\n\n"
            "Η πρώτη δραστηριότητα ήταν μια έρευνα και χαρτογράφηση των δεξιοτήτων, των "
            "προϊόντων και των υπηρεσιών των ΜμΕ-μελών μέσω ενός σύντομου διαδικτυακού "
            "ερωτηματολογίου· τα αποτελέσματά της τροφοδοτούν την κοινή στρατηγική και τον "
            "οδικό χάρτη διεθνοποίησης και δημοσιεύονται σε αυτή την πύλη.\n\n"
            "Κατά τη διάρκεια του έργου πραγματοποιήθηκαν έξι εκδηλώσεις B2B και "
            "συστάδας προς συστάδα (C2C) και μια σειρά διαδικτυακών σεμιναρίων, των οποίων "
            "οι καταγραφές παραμένουν διαθέσιμες."
        ),
    },
    "sr-latn": {
        "title": "O C2Future",
        "lead": (
            "C2Future – Clusters for the City of the Future (Klasteri za grad budućnosti) – "
            "evropsko je strateško partnerstvo klastera u oblasti pametnih gradova, koje "
            "sufinansira program COSME Evropske unije (akcija internacionalizacije klastera, "
            "poziv COS-CLUSINT-2019-3-01, oko 200.000 evra)."
        ),
        "body": (
            "Projekat je trajao 24 meseca, od 1. septembra 2020. do 31. avgusta 2022. Njegov "
            "cilj je novi lanac vrednosti u pametnoj urbanizaciji i internacionalizacija MSP "
            "članica partnerskih klastera, više od 800 preduzeća u šest klastera, ka "
            "tržištima trećih zemalja.\n\n"
            "Ciljevi:\n\n" + OBJECTIVES["sr-latn"] + "\n\n"
            "Sektori: mobilnost; građevinarstvo i zgradarstvo; komunalne usluge i "
            "energetika; životna sredina; IKT.\n\n"
            "Ciljna tržišta navedena tokom projekta: SAD (Kalifornija, sa svojim programom "
            "bezbednosti saobraćaja Vision Zero), Kanada, Meksiko, Kolumbija i Alžir. Završni "
            "događaj bio je posvećen Kaliforniji, Kolumbiji i Meksiku.\n\n"
            "Prva aktivnost bila je anketa i mapiranje veština, proizvoda i usluga MSP "
            "članica putem kratkog onlajn upitnika; njeni rezultati su osnova zajedničke "
            "strategije i mape puta internacionalizacije i objavljeni su na ovom portalu.\n\n"
            "Tokom projekta održano je šest B2B događaja i događaja klaster-klaster (C2C) i "
            "serija vebinara, čiji su snimci i dalje dostupni."
        ),
    },
}

PAGES = {"home": HOME, "about": ABOUT}
