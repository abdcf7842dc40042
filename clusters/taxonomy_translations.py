"""Translations of the seeded taxonomy (clusters/taxonomy.py) and of the sectors.

{slug: {language: (name, description)}} for areas and competencies, {slug: {language:
name}} for sectors; English stays in clusters/taxonomy.py and clusters/demo.py. Applied by
a data migration and by `ensure_taxonomy`, which only fill empty translations: a term staff
have translated or corrected in the admin keeps their wording.
"""

LANGUAGES = ("it", "es", "bg", "el", "sr-latn")

AREAS = {
    "mobility": {
        "it": (
            "Mobilità e trasporti",
            "Spostare persone e merci nelle città: veicoli, infrastrutture e servizi.",
        ),
        "es": (
            "Movilidad y transporte",
            "El movimiento de personas y mercancías en las ciudades: vehículos, "
            "infraestructuras y servicios.",
        ),
        "bg": (
            "Мобилност и транспорт",
            "Придвижване на хора и стоки в градовете: превозни средства, инфраструктура и услуги.",
        ),
        "el": (
            "Κινητικότητα και μεταφορές",
            "Η μετακίνηση ανθρώπων και εμπορευμάτων στις πόλεις: οχήματα, υποδομές και υπηρεσίες.",
        ),
        "sr-latn": (
            "Mobilnost i saobraćaj",
            "Kretanje ljudi i robe u gradovima: vozila, infrastruktura i usluge.",
        ),
    },
    "construction": {
        "it": (
            "Edilizia e costruzioni",
            "Progettare, costruire e riqualificare un ambiente costruito sostenibile.",
        ),
        "es": (
            "Construcción y edificación",
            "Diseñar, construir y rehabilitar un entorno construido sostenible.",
        ),
        "bg": (
            "Строителство и сгради",
            "Проектиране, изграждане и обновяване на устойчива застроена среда.",
        ),
        "el": (
            "Κατασκευές και κτίρια",
            "Σχεδιασμός, κατασκευή και ανακαίνιση ενός βιώσιμου δομημένου περιβάλλοντος.",
        ),
        "sr-latn": (
            "Građevinarstvo i zgradarstvo",
            "Projektovanje, izgradnja i obnova održivog izgrađenog okruženja.",
        ),
    },
    "energy": {
        "it": (
            "Servizi pubblici ed energia",
            "Produrre, distribuire e risparmiare energia e acqua nelle città.",
        ),
        "es": (
            "Servicios públicos y energía",
            "Producir, distribuir y ahorrar energía y agua en las ciudades.",
        ),
        "bg": (
            "Комунални услуги и енергетика",
            "Производство, разпределение и пестене на енергия и вода в градовете.",
        ),
        "el": (
            "Υπηρεσίες κοινής ωφέλειας και ενέργεια",
            "Παραγωγή, διανομή και εξοικονόμηση ενέργειας και νερού στις πόλεις.",
        ),
        "sr-latn": (
            "Komunalne usluge i energetika",
            "Proizvodnja, distribucija i ušteda energije i vode u gradovima.",
        ),
    },
    "environment": {
        "it": ("Ambiente", "Mantenere l'ambiente urbano pulito, sano e resiliente."),
        "es": ("Medio ambiente", "Mantener el entorno urbano limpio, saludable y resiliente."),
        "bg": (
            "Околна среда",
            "Поддържане на градската среда чиста, здравословна и устойчива.",
        ),
        "el": (
            "Περιβάλλον",
            "Διατήρηση του αστικού περιβάλλοντος καθαρού, υγιούς και ανθεκτικού.",
        ),
        "sr-latn": ("Životna sredina", "Očuvanje čiste, zdrave i otporne gradske sredine."),
    },
    "digital": {
        "it": (
            "ICT e piattaforme digitali",
            "La spina dorsale digitale della città intelligente: dati, connettività e software.",
        ),
        "es": (
            "TIC y plataformas digitales",
            "La columna vertebral digital de la ciudad inteligente: datos, conectividad y "
            "software.",
        ),
        "bg": (
            "ИКТ и цифрови платформи",
            "Цифровият гръбнак на умния град: данни, свързаност и софтуер.",
        ),
        "el": (
            "ΤΠΕ και ψηφιακές πλατφόρμες",
            "Η ψηφιακή ραχοκοκαλιά της έξυπνης πόλης: δεδομένα, συνδεσιμότητα και λογισμικό.",
        ),
        "sr-latn": (
            "IKT i digitalne platforme",
            "Digitalna okosnica pametnog grada: podaci, povezanost i softver.",
        ),
    },
}

COMPETENCIES = {
    # Mobility and transport
    "ev-charging-infrastructure": {
        "it": (
            "Infrastrutture di ricarica per veicoli elettrici",
            "Stazioni di ricarica, wallbox, caricatori rapidi e relativi software di gestione.",
        ),
        "es": (
            "Infraestructura de recarga de vehículos eléctricos",
            "Estaciones de recarga, wallbox, cargadores rápidos y su software de gestión.",
        ),
        "bg": (
            "Инфраструктура за зареждане на електромобили",
            "Зарядни станции, стенни и бързи зарядни устройства и софтуерът за тяхното управление.",
        ),
        "el": (
            "Υποδομές φόρτισης ηλεκτρικών οχημάτων",
            "Σταθμοί φόρτισης, wallbox, ταχυφορτιστές και το λογισμικό διαχείρισής τους.",
        ),
        "sr-latn": (
            "Infrastruktura za punjenje električnih vozila",
            "Stanice za punjenje, zidni i brzi punjači i softver za upravljanje njima.",
        ),
    },
    "traffic-management-systems": {
        "it": (
            "Sistemi di gestione del traffico",
            "Semafori adattivi, centrali di controllo e ottimizzazione dei flussi di traffico.",
        ),
        "es": (
            "Sistemas de gestión del tráfico",
            "Semáforos adaptativos, centros de control y optimización del flujo de tráfico.",
        ),
        "bg": (
            "Системи за управление на трафика",
            "Адаптивни светофари, контролни центрове и оптимизация на транспортните потоци.",
        ),
        "el": (
            "Συστήματα διαχείρισης κυκλοφορίας",
            "Προσαρμοστικοί φωτεινοί σηματοδότες, κέντρα ελέγχου και βελτιστοποίηση της "
            "κυκλοφοριακής ροής.",
        ),
        "sr-latn": (
            "Sistemi za upravljanje saobraćajem",
            "Adaptivni semafori, kontrolni centri i optimizacija saobraćajnih tokova.",
        ),
    },
    "mobility-as-a-service": {
        "it": (
            "Mobilità come servizio (MaaS)",
            "Piattaforme che integrano più modalità di trasporto in un unico pianificatore di "
            "viaggio e un unico biglietto.",
        ),
        "es": (
            "Movilidad como servicio (MaaS)",
            "Plataformas que combinan los modos de transporte en un único planificador de "
            "viajes y un único billete.",
        ),
        "bg": (
            "Мобилност като услуга (MaaS)",
            "Платформи, които обединяват видовете транспорт в един планировчик на пътувания "
            "и един билет.",
        ),
        "el": (
            "Κινητικότητα ως υπηρεσία (MaaS)",
            "Πλατφόρμες που συνδυάζουν τα μέσα μεταφοράς σε έναν ενιαίο σχεδιαστή διαδρομών "
            "και ένα ενιαίο εισιτήριο.",
        ),
        "sr-latn": (
            "Mobilnost kao usluga (MaaS)",
            "Platforme koje objedinjuju vidove prevoza u jedan planer putovanja i jednu kartu.",
        ),
    },
    "smart-parking": {
        "it": (
            "Parcheggio intelligente",
            "Rilevamento dell'occupazione dei parcheggi, guida ai posti liberi e pagamento.",
        ),
        "es": (
            "Estacionamiento inteligente",
            "Detección de la ocupación de las plazas, guiado al aparcamiento y pago.",
        ),
        "bg": (
            "Интелигентно паркиране",
            "Отчитане на заетостта на паркоместата, насочване към свободни места и плащане.",
        ),
        "el": (
            "Έξυπνη στάθμευση",
            "Ανίχνευση της πληρότητας των θέσεων στάθμευσης, καθοδήγηση και πληρωμή.",
        ),
        "sr-latn": (
            "Pametno parkiranje",
            "Praćenje zauzetosti parking mesta, navođenje do slobodnih mesta i plaćanje.",
        ),
    },
    "public-transport-systems": {
        "it": (
            "Sistemi di trasporto pubblico",
            "Gestione delle flotte, informazione ai passeggeri e bigliettazione per il "
            "trasporto pubblico.",
        ),
        "es": (
            "Sistemas de transporte público",
            "Gestión de flotas, información al viajero y venta de billetes para el transporte "
            "público.",
        ),
        "bg": (
            "Системи за обществен транспорт",
            "Управление на автопаркове, информация за пътниците и билетни системи за "
            "обществения транспорт.",
        ),
        "el": (
            "Συστήματα δημόσιων συγκοινωνιών",
            "Διαχείριση στόλου, ενημέρωση επιβατών και έκδοση εισιτηρίων για τις δημόσιες "
            "συγκοινωνίες.",
        ),
        "sr-latn": (
            "Sistemi javnog prevoza",
            "Upravljanje voznim parkom, informisanje putnika i naplata karata u javnom prevozu.",
        ),
    },
    "road-safety-vision-zero": {
        "it": (
            "Sicurezza stradale (Vision Zero)",
            "Soluzioni che riducono morti e feriti sulle strade, nello spirito di Vision Zero.",
        ),
        "es": (
            "Seguridad vial (Visión Cero)",
            "Soluciones que reducen las muertes y lesiones en las carreteras, en el espíritu "
            "de Visión Cero.",
        ),
        "bg": (
            "Пътна безопасност (Vision Zero)",
            "Решения, които намаляват загиналите и ранените по пътищата, в духа на Vision Zero.",
        ),
        "el": (
            "Οδική ασφάλεια (Vision Zero)",
            "Λύσεις που μειώνουν τους θανάτους και τους τραυματισμούς στους δρόμους, στο "
            "πνεύμα του Vision Zero.",
        ),
        "sr-latn": (
            "Bezbednost saobraćaja (Vizija nula)",
            "Rešenja koja smanjuju broj poginulih i povređenih u saobraćaju, u duhu Vizije nula.",
        ),
    },
    "micromobility-sharing": {
        "it": (
            "Micromobilità e sharing",
            "Servizi di bike sharing, scooter sharing e car sharing e gestione delle relative "
            "flotte.",
        ),
        "es": (
            "Micromovilidad y vehículos compartidos",
            "Servicios de bicicletas, patinetes y coches compartidos y la gestión de sus flotas.",
        ),
        "bg": (
            "Микромобилност и споделено ползване",
            "Услуги за споделено ползване на велосипеди, тротинетки и автомобили и "
            "управлението на техните паркове.",
        ),
        "el": (
            "Μικροκινητικότητα και κοινή χρήση",
            "Υπηρεσίες κοινής χρήσης ποδηλάτων, πατινιών και αυτοκινήτων και η διαχείριση των "
            "στόλων τους.",
        ),
        "sr-latn": (
            "Mikromobilnost i deljenje vozila",
            "Usluge deljenja bicikala, trotineta i automobila i upravljanje njihovim voznim "
            "parkom.",
        ),
    },
    "urban-logistics": {
        "it": (
            "Logistica urbana",
            "Consegne dell'ultimo miglio, centri di consolidamento e cargo bike.",
        ),
        "es": (
            "Logística urbana",
            "Entrega de última milla, centros de consolidación y bicicletas de carga.",
        ),
        "bg": (
            "Градска логистика",
            "Доставка до крайния получател, консолидационни центрове и товарни велосипеди.",
        ),
        "el": (
            "Αστική εφοδιαστική",
            "Παράδοση τελευταίου μιλίου, κέντρα ενοποίησης φορτίων και ποδήλατα μεταφοράς φορτίων.",
        ),
        "sr-latn": (
            "Gradska logistika",
            "Dostava „poslednje milje”, konsolidacioni centri i teretni bicikli.",
        ),
    },
    "connected-automated-vehicles": {
        "it": (
            "Veicoli connessi e automatizzati",
            "Comunicazione V2X, assistenza alla guida e sperimentazioni di guida automatizzata.",
        ),
        "es": (
            "Vehículos conectados y automatizados",
            "Comunicación V2X, asistencia a la conducción y pilotos de conducción automatizada.",
        ),
        "bg": (
            "Свързани и автоматизирани превозни средства",
            "V2X комуникация, системи за подпомагане на водача и пилотни проекти за "
            "автоматизирано шофиране.",
        ),
        "el": (
            "Συνδεδεμένα και αυτοματοποιημένα οχήματα",
            "Επικοινωνία V2X, υποβοήθηση οδηγού και πιλοτικά έργα αυτοματοποιημένης οδήγησης.",
        ),
        "sr-latn": (
            "Povezana i automatizovana vozila",
            "V2X komunikacija, sistemi za pomoć vozaču i pilot-projekti automatizovane vožnje.",
        ),
    },
    "railway-technology": {
        "it": (
            "Tecnologie ferroviarie e tranviarie",
            "Componenti per il materiale rotabile, segnalamento e manutenzione dei binari.",
        ),
        "es": (
            "Tecnología ferroviaria y tranviaria",
            "Componentes de material rodante, señalización y mantenimiento de vías.",
        ),
        "bg": (
            "Железопътни и трамвайни технологии",
            "Компоненти за подвижен състав, сигнализация и поддръжка на релсовия път.",
        ),
        "el": (
            "Τεχνολογία σιδηροδρόμων και τραμ",
            "Εξαρτήματα τροχαίου υλικού, σηματοδότηση και συντήρηση γραμμών.",
        ),
        "sr-latn": (
            "Železnička i tramvajska tehnologija",
            "Komponente šinskih vozila, signalizacija i održavanje koloseka.",
        ),
    },
    # Construction and building
    "bim": {
        "it": (
            "Modellazione delle informazioni per l'edilizia (BIM)",
            "Modelli digitali degli edifici per la progettazione, la costruzione e la gestione "
            "immobiliare.",
        ),
        "es": (
            "Modelado de información de construcción (BIM)",
            "Modelos digitales de edificios para el diseño, la construcción y la gestión de "
            "instalaciones.",
        ),
        "bg": (
            "Информационно моделиране на сгради (BIM)",
            "Цифрови модели на сгради за проектиране, строителство и управление на съоръжения.",
        ),
        "el": (
            "Μοντελοποίηση πληροφοριών κτιρίων (BIM)",
            "Ψηφιακά μοντέλα κτιρίων για τον σχεδιασμό, την κατασκευή και τη διαχείριση "
            "εγκαταστάσεων.",
        ),
        "sr-latn": (
            "Informaciono modelovanje zgrada (BIM)",
            "Digitalni modeli zgrada za projektovanje, izgradnju i upravljanje objektima.",
        ),
    },
    "energy-efficient-retrofits": {
        "it": (
            "Riqualificazione energetica",
            "Ristrutturazioni profonde, isolamento e interventi che riducono il consumo "
            "energetico degli edifici.",
        ),
        "es": (
            "Rehabilitación energética",
            "Renovación profunda, aislamiento y mejoras que reducen el consumo energético de "
            "los edificios.",
        ),
        "bg": (
            "Енергийно ефективно обновяване",
            "Цялостно обновяване, изолация и подобрения, които намаляват енергопотреблението "
            "на сградите.",
        ),
        "el": (
            "Ενεργειακή αναβάθμιση κτιρίων",
            "Ριζική ανακαίνιση, θερμομόνωση και αναβαθμίσεις που μειώνουν την κατανάλωση "
            "ενέργειας ενός κτιρίου.",
        ),
        "sr-latn": (
            "Energetski efikasna obnova",
            "Temeljna obnova, izolacija i unapređenja koja smanjuju potrošnju energije zgrada.",
        ),
    },
    "sustainable-materials": {
        "it": (
            "Materiali da costruzione sostenibili",
            "Materiali da costruzione a basse emissioni di carbonio, riciclati e di origine "
            "biologica.",
        ),
        "es": (
            "Materiales de construcción sostenibles",
            "Materiales de construcción bajos en carbono, reciclados y de origen biológico.",
        ),
        "bg": (
            "Устойчиви строителни материали",
            "Нисковъглеродни, рециклирани и биобазирани строителни материали.",
        ),
        "el": (
            "Βιώσιμα δομικά υλικά",
            "Δομικά υλικά χαμηλών εκπομπών άνθρακα, ανακυκλωμένα και βιολογικής προέλευσης.",
        ),
        "sr-latn": (
            "Održivi građevinski materijali",
            "Niskougljenični, reciklirani i biološki građevinski materijali.",
        ),
    },
    "building-automation": {
        "it": (
            "Automazione degli edifici",
            "Sistemi di gestione degli edifici, climatizzazione (HVAC) e controllo "
            "dell'illuminazione.",
        ),
        "es": (
            "Automatización de edificios",
            "Sistemas de gestión de edificios, climatización (HVAC) y control de la iluminación.",
        ),
        "bg": (
            "Сградна автоматизация",
            "Системи за управление на сгради, ОВК (отопление, вентилация и климатизация) и "
            "управление на осветлението.",
        ),
        "el": (
            "Αυτοματισμός κτιρίων",
            "Συστήματα διαχείρισης κτιρίων, θέρμανση, αερισμός και κλιματισμός (HVAC) και "
            "έλεγχος φωτισμού.",
        ),
        "sr-latn": (
            "Automatizacija zgrada",
            "Sistemi za upravljanje zgradama, grejanje, ventilacija i klimatizacija (HVAC) i "
            "upravljanje osvetljenjem.",
        ),
    },
    "green-roofs-facades": {
        "it": (
            "Tetti e facciate verdi",
            "Coperture e pareti vegetali che rinfrescano gli edifici e trattengono l'acqua "
            "piovana.",
        ),
        "es": (
            "Cubiertas y fachadas verdes",
            "Cubiertas y muros vegetales que refrescan los edificios y retienen el agua de lluvia.",
        ),
        "bg": (
            "Зелени покриви и фасади",
            "Озеленени покриви и стени, които охлаждат сградите и задържат дъждовната вода.",
        ),
        "el": (
            "Πράσινες στέγες και προσόψεις",
            "Φυτεμένες στέγες και τοίχοι που δροσίζουν τα κτίρια και συγκρατούν το νερό της "
            "βροχής.",
        ),
        "sr-latn": (
            "Zeleni krovovi i fasade",
            "Ozelenjeni krovovi i zidovi koji hlade zgrade i zadržavaju kišnicu.",
        ),
    },
    "prefabrication": {
        "it": (
            "Prefabbricazione e costruzione modulare",
            "Elementi edilizi prodotti fuori opera e unità modulari.",
        ),
        "es": (
            "Prefabricación y construcción modular",
            "Elementos constructivos fabricados fuera de la obra y unidades modulares.",
        ),
        "bg": (
            "Сглобяемо и модулно строителство",
            "Строителни елементи, произведени извън обекта, и модулни единици.",
        ),
        "el": (
            "Προκατασκευή και αρθρωτή δόμηση",
            "Δομικά στοιχεία κατασκευασμένα εκτός εργοταξίου και αρθρωτές μονάδες.",
        ),
        "sr-latn": (
            "Montažna i modularna gradnja",
            "Građevinski elementi proizvedeni van gradilišta i modularne jedinice.",
        ),
    },
    "structural-monitoring": {
        "it": (
            "Monitoraggio strutturale",
            "Sensori e analisi dei dati per ponti, gallerie ed edifici.",
        ),
        "es": (
            "Monitorización estructural",
            "Sensores y analítica para puentes, túneles y edificios.",
        ),
        "bg": (
            "Мониторинг на състоянието на конструкции",
            "Сензори и анализи за мостове, тунели и сгради.",
        ),
        "el": (
            "Παρακολούθηση δομικής ακεραιότητας",
            "Αισθητήρες και αναλύσεις για γέφυρες, σήραγγες και κτίρια.",
        ),
        "sr-latn": (
            "Praćenje stanja konstrukcija",
            "Senzori i analitika za mostove, tunele i zgrade.",
        ),
    },
    "urban-planning-design": {
        "it": (
            "Pianificazione e progettazione urbana",
            "Piani urbanistici, progettazione dello spazio pubblico e rigenerazione urbana.",
        ),
        "es": (
            "Planificación y diseño urbano",
            "Planes directores, diseño del espacio público y regeneración urbana.",
        ),
        "bg": (
            "Градско планиране и дизайн",
            "Генерални планове, проектиране на обществени пространства и градско обновяване.",
        ),
        "el": (
            "Πολεοδομικός και αστικός σχεδιασμός",
            "Γενικά πολεοδομικά σχέδια, σχεδιασμός δημόσιων χώρων και αστική ανάπλαση.",
        ),
        "sr-latn": (
            "Urbanističko planiranje i dizajn",
            "Generalni planovi, uređenje javnih prostora i urbana obnova.",
        ),
    },
    "accessibility-design": {
        "it": ("Progettazione accessibile", "Edifici e spazi pubblici fruibili da tutti."),
        "es": (
            "Diseño accesible",
            "Edificios y espacios públicos que todas las personas pueden utilizar.",
        ),
        "bg": ("Достъпен дизайн", "Сгради и обществени пространства, достъпни за всички."),
        "el": ("Προσβάσιμος σχεδιασμός", "Κτίρια και δημόσιοι χώροι προσβάσιμοι σε όλους."),
        "sr-latn": ("Pristupačan dizajn", "Zgrade i javni prostori koje svi mogu da koriste."),
    },
    # Utilities and energy
    "smart-grids": {
        "it": (
            "Reti elettriche intelligenti",
            "Monitoraggio della rete, gestione attiva della domanda e automazione della "
            "distribuzione.",
        ),
        "es": (
            "Redes eléctricas inteligentes",
            "Monitorización de la red, respuesta de la demanda y automatización de la "
            "distribución.",
        ),
        "bg": (
            "Интелигентни мрежи",
            "Наблюдение на мрежата, управление на потреблението и автоматизация на "
            "разпределението.",
        ),
        "el": (
            "Έξυπνα δίκτυα",
            "Παρακολούθηση δικτύου, απόκριση ζήτησης και αυτοματοποίηση της διανομής.",
        ),
        "sr-latn": (
            "Pametne mreže",
            "Nadzor mreže, upravljanje potrošnjom i automatizacija distribucije.",
        ),
    },
    "renewable-energy": {
        "it": (
            "Sistemi di energia rinnovabile",
            "Impianti solari, eolici, geotermici e a biomassa.",
        ),
        "es": (
            "Sistemas de energías renovables",
            "Instalaciones solares, eólicas, geotérmicas y de biomasa.",
        ),
        "bg": (
            "Системи за възобновяема енергия",
            "Слънчеви, вятърни и геотермални инсталации и инсталации на биомаса.",
        ),
        "el": (
            "Συστήματα ανανεώσιμων πηγών ενέργειας",
            "Ηλιακές, αιολικές και γεωθερμικές εγκαταστάσεις και εγκαταστάσεις βιομάζας.",
        ),
        "sr-latn": (
            "Sistemi obnovljive energije",
            "Solarna, vetro i geotermalna postrojenja i postrojenja na biomasu.",
        ),
    },
    "energy-storage": {
        "it": (
            "Accumulo di energia",
            "Batterie, accumulo termico e sistemi con batterie di seconda vita.",
        ),
        "es": (
            "Almacenamiento de energía",
            "Baterías, almacenamiento térmico y sistemas de baterías de segunda vida.",
        ),
        "bg": (
            "Съхранение на енергия",
            "Батерии, съхранение на топлинна енергия и системи с батерии за втора употреба.",
        ),
        "el": (
            "Αποθήκευση ενέργειας",
            "Μπαταρίες, θερμική αποθήκευση και συστήματα μπαταριών δεύτερης ζωής.",
        ),
        "sr-latn": (
            "Skladištenje energije",
            "Baterije, skladištenje toplote i sistemi sa baterijama u drugoj upotrebi.",
        ),
    },
    "smart-metering": {
        "it": (
            "Contatori intelligenti",
            "Contatori intelligenti per elettricità, gas, calore e acqua e le relative "
            "piattaforme dati.",
        ),
        "es": (
            "Medición inteligente",
            "Contadores inteligentes de electricidad, gas, calor y agua y sus plataformas de "
            "datos.",
        ),
        "bg": (
            "Интелигентно измерване",
            "Интелигентни уреди за измерване на електроенергия, газ, топлина и вода и "
            "техните платформи за данни.",
        ),
        "el": (
            "Έξυπνη μέτρηση",
            "Έξυπνοι μετρητές ηλεκτρικής ενέργειας, φυσικού αερίου, θερμότητας και νερού και "
            "οι πλατφόρμες δεδομένων τους.",
        ),
        "sr-latn": (
            "Pametno merenje",
            "Pametna brojila za struju, gas, toplotu i vodu i njihove platforme za podatke.",
        ),
    },
    "district-heating-cooling": {
        "it": (
            "Teleriscaldamento e teleraffrescamento",
            "Reti di calore, pompe di calore e recupero del calore di scarto.",
        ),
        "es": (
            "Calefacción y refrigeración urbanas",
            "Redes de calor, bombas de calor y recuperación del calor residual.",
        ),
        "bg": (
            "Централно отопление и охлаждане",
            "Топлопреносни мрежи, термопомпи и оползотворяване на отпадна топлина.",
        ),
        "el": (
            "Τηλεθέρμανση και τηλεψύξη",
            "Δίκτυα θερμότητας, αντλίες θερμότητας και ανάκτηση απορριπτόμενης θερμότητας.",
        ),
        "sr-latn": (
            "Daljinsko grejanje i hlađenje",
            "Toplovodne mreže, toplotne pumpe i iskorišćavanje otpadne toplote.",
        ),
    },
    "water-network-monitoring": {
        "it": (
            "Monitoraggio delle reti idriche",
            "Rilevamento delle perdite, gestione della pressione e misura della qualità "
            "dell'acqua.",
        ),
        "es": (
            "Monitorización de redes de agua",
            "Detección de fugas, gestión de la presión y medición de la calidad del agua.",
        ),
        "bg": (
            "Мониторинг на водопроводни мрежи",
            "Откриване на течове, управление на налягането и измерване на качеството на водата.",
        ),
        "el": (
            "Παρακολούθηση δικτύων ύδρευσης",
            "Ανίχνευση διαρροών, διαχείριση πίεσης και μέτρηση της ποιότητας του νερού.",
        ),
        "sr-latn": (
            "Praćenje vodovodne mreže",
            "Otkrivanje curenja, upravljanje pritiskom i merenje kvaliteta vode.",
        ),
    },
    "smart-street-lighting": {
        "it": (
            "Illuminazione pubblica intelligente",
            "Lampioni LED connessi e controllo dell'illuminazione.",
        ),
        "es": (
            "Alumbrado público inteligente",
            "Farolas LED conectadas y control del alumbrado.",
        ),
        "bg": (
            "Интелигентно улично осветление",
            "Свързани LED улични осветителни тела и управление на осветлението.",
        ),
        "el": (
            "Έξυπνος οδοφωτισμός",
            "Συνδεδεμένα φωτιστικά LED δρόμων και έλεγχος φωτισμού.",
        ),
        "sr-latn": (
            "Pametna javna rasveta",
            "Povezane LED ulične svetiljke i upravljanje osvetljenjem.",
        ),
    },
    "energy-communities": {
        "it": (
            "Comunità energetiche",
            "Produzione locale condivisa, autoconsumo e scambio di energia tra pari.",
        ),
        "es": (
            "Comunidades energéticas",
            "Generación local compartida, autoconsumo e intercambio de energía entre pares.",
        ),
        "bg": (
            "Енергийни общности",
            "Споделено местно производство, собствено потребление и обмен на енергия между "
            "потребителите.",
        ),
        "el": (
            "Ενεργειακές κοινότητες",
            "Κοινή τοπική παραγωγή, αυτοκατανάλωση και ανταλλαγή ενέργειας μεταξύ ομοτίμων.",
        ),
        "sr-latn": (
            "Energetske zajednice",
            "Zajednička lokalna proizvodnja, sopstvena potrošnja i razmena energije među "
            "korisnicima.",
        ),
    },
    "energy-audits": {
        "it": (
            "Diagnosi e gestione energetica",
            "Diagnosi energetiche, sistemi di gestione ISO 50001 e contratti di rendimento "
            "energetico.",
        ),
        "es": (
            "Auditorías y gestión energética",
            "Auditorías energéticas, gestión según ISO 50001 y contratos de rendimiento "
            "energético.",
        ),
        "bg": (
            "Енергийни обследвания и управление",
            "Енергийни обследвания, управление по ISO 50001 и договори с гарантиран енергиен "
            "резултат.",
        ),
        "el": (
            "Ενεργειακοί έλεγχοι και διαχείριση",
            "Ενεργειακοί έλεγχοι, διαχείριση κατά ISO 50001 και συμβάσεις ενεργειακής απόδοσης.",
        ),
        "sr-latn": (
            "Energetski pregledi i upravljanje energijom",
            "Energetski pregledi, upravljanje po standardu ISO 50001 i ugovori o energetskom "
            "učinku.",
        ),
    },
    # Environment
    "waste-management": {
        "it": ("Gestione dei rifiuti", "Raccolta, selezione e trattamento dei rifiuti urbani."),
        "es": (
            "Gestión de residuos",
            "Recogida, clasificación y tratamiento de los residuos urbanos.",
        ),
        "bg": (
            "Управление на отпадъците",
            "Събиране, сортиране и третиране на битовите отпадъци.",
        ),
        "el": ("Διαχείριση αποβλήτων", "Συλλογή, διαλογή και επεξεργασία αστικών αποβλήτων."),
        "sr-latn": (
            "Upravljanje otpadom",
            "Sakupljanje, razvrstavanje i tretman komunalnog otpada.",
        ),
    },
    "circular-economy": {
        "it": (
            "Economia circolare",
            "Modelli di business basati su riuso, rigenerazione e riciclo.",
        ),
        "es": (
            "Economía circular",
            "Modelos de negocio de reutilización, refabricación y reciclaje.",
        ),
        "bg": (
            "Кръгова икономика",
            "Бизнес модели за повторна употреба, преработка и рециклиране.",
        ),
        "el": (
            "Κυκλική οικονομία",
            "Επιχειρηματικά μοντέλα επαναχρησιμοποίησης, ανακατασκευής και ανακύκλωσης.",
        ),
        "sr-latn": (
            "Cirkularna ekonomija",
            "Poslovni modeli ponovne upotrebe, prerade i reciklaže.",
        ),
    },
    "air-quality-sensing": {
        "it": (
            "Monitoraggio della qualità dell'aria",
            "Reti di sensori per la qualità dell'aria e previsione dell'inquinamento.",
        ),
        "es": (
            "Medición de la calidad del aire",
            "Redes de sensores de calidad del aire y previsión de la contaminación.",
        ),
        "bg": (
            "Измерване на качеството на въздуха",
            "Мрежи от сензори за качеството на въздуха и прогнозиране на замърсяването.",
        ),
        "el": (
            "Μέτρηση της ποιότητας του αέρα",
            "Δίκτυα αισθητήρων ποιότητας αέρα και πρόγνωση της ρύπανσης.",
        ),
        "sr-latn": (
            "Merenje kvaliteta vazduha",
            "Mreže senzora kvaliteta vazduha i prognoza zagađenja.",
        ),
    },
    "noise-monitoring": {
        "it": ("Monitoraggio del rumore", "Misurazione e mappatura del rumore urbano."),
        "es": ("Monitorización del ruido", "Medición y cartografía del ruido urbano."),
        "bg": ("Мониторинг на шума", "Измерване и картографиране на градския шум."),
        "el": ("Παρακολούθηση θορύβου", "Μέτρηση και χαρτογράφηση του αστικού θορύβου."),
        "sr-latn": ("Praćenje buke", "Merenje i mapiranje gradske buke."),
    },
    "wastewater-treatment": {
        "it": (
            "Trattamento delle acque reflue",
            "Impianti di depurazione, riutilizzo dell'acqua e valorizzazione dei fanghi.",
        ),
        "es": (
            "Tratamiento de aguas residuales",
            "Depuradoras, reutilización del agua y valorización de lodos.",
        ),
        "bg": (
            "Пречистване на отпадъчни води",
            "Пречиствателни станции, повторно използване на водата и оползотворяване на утайките.",
        ),
        "el": (
            "Επεξεργασία λυμάτων",
            "Μονάδες επεξεργασίας, επαναχρησιμοποίηση νερού και αξιοποίηση της ιλύος.",
        ),
        "sr-latn": (
            "Prečišćavanje otpadnih voda",
            "Postrojenja za prečišćavanje, ponovna upotreba vode i valorizacija mulja.",
        ),
    },
    "soil-remediation": {
        "it": ("Bonifica dei suoli", "Decontaminazione di aree dismesse e di suoli."),
        "es": (
            "Descontaminación de suelos",
            "Descontaminación de emplazamientos industriales abandonados y de suelos.",
        ),
        "bg": (
            "Възстановяване на почви",
            "Обеззаразяване на изоставени промишлени терени и почви.",
        ),
        "el": (
            "Αποκατάσταση εδαφών",
            "Απορρύπανση εγκαταλελειμμένων βιομηχανικών χώρων και εδαφών.",
        ),
        "sr-latn": (
            "Remedijacija zemljišta",
            "Dekontaminacija napuštenih industrijskih lokacija i zemljišta.",
        ),
    },
    "climate-adaptation": {
        "it": (
            "Adattamento climatico",
            "Soluzioni basate sulla natura, protezione dalle alluvioni e mitigazione delle "
            "isole di calore.",
        ),
        "es": (
            "Adaptación al cambio climático",
            "Soluciones basadas en la naturaleza, protección contra inundaciones y mitigación "
            "de las islas de calor.",
        ),
        "bg": (
            "Адаптация към изменението на климата",
            "Природосъобразни решения, защита от наводнения и смекчаване на ефекта на "
            "градския топлинен остров.",
        ),
        "el": (
            "Προσαρμογή στην κλιματική αλλαγή",
            "Λύσεις βασισμένες στη φύση, αντιπλημμυρική προστασία και μετριασμός των "
            "θερμικών νησίδων.",
        ),
        "sr-latn": (
            "Prilagođavanje klimatskim promenama",
            "Rešenja zasnovana na prirodi, zaštita od poplava i ublažavanje toplotnih ostrva.",
        ),
    },
    "environmental-consulting": {
        "it": (
            "Consulenza ambientale",
            "Valutazioni di impatto, impronta di carbonio e autorizzazioni ambientali.",
        ),
        "es": (
            "Consultoría ambiental",
            "Evaluaciones de impacto, huella de carbono y permisos ambientales.",
        ),
        "bg": (
            "Екологично консултиране",
            "Оценки на въздействието, въглероден отпечатък и екологични разрешителни.",
        ),
        "el": (
            "Περιβαλλοντικές συμβουλευτικές υπηρεσίες",
            "Μελέτες περιβαλλοντικών επιπτώσεων, αποτύπωμα άνθρακα και περιβαλλοντικές άδειες.",
        ),
        "sr-latn": (
            "Konsalting u oblasti životne sredine",
            "Procene uticaja, ugljenični otisak i ekološke dozvole.",
        ),
    },
    "urban-greening": {
        "it": (
            "Verde urbano e biodiversità",
            "Parchi, foreste urbane e monitoraggio della biodiversità.",
        ),
        "es": (
            "Verde urbano y biodiversidad",
            "Parques, bosques urbanos y seguimiento de la biodiversidad.",
        ),
        "bg": (
            "Градско озеленяване и биоразнообразие",
            "Паркове, градски гори и мониторинг на биоразнообразието.",
        ),
        "el": (
            "Αστικό πράσινο και βιοποικιλότητα",
            "Πάρκα, αστικά δάση και παρακολούθηση της βιοποικιλότητας.",
        ),
        "sr-latn": (
            "Gradsko zelenilo i biodiverzitet",
            "Parkovi, gradske šume i praćenje biodiverziteta.",
        ),
    },
    # ICT and digital platforms
    "iot-platforms": {
        "it": (
            "Piattaforme IoT",
            "Piattaforme di gestione dei dispositivi e di raccolta dati per sensori connessi.",
        ),
        "es": (
            "Plataformas IoT",
            "Plataformas de gestión de dispositivos y recogida de datos para sensores conectados.",
        ),
        "bg": (
            "IoT платформи",
            "Платформи за управление на устройства и събиране на данни от свързани сензори.",
        ),
        "el": (
            "Πλατφόρμες IoT",
            "Πλατφόρμες διαχείρισης συσκευών και συλλογής δεδομένων για συνδεδεμένους αισθητήρες.",
        ),
        "sr-latn": (
            "IoT platforme",
            "Platforme za upravljanje uređajima i prikupljanje podataka sa povezanih senzora.",
        ),
    },
    "urban-data-analytics": {
        "it": (
            "Analisi dei dati urbani",
            "Cruscotti, data lake e analisi dei dati della città.",
        ),
        "es": (
            "Analítica de datos urbanos",
            "Cuadros de mando, lagos de datos y analítica de los datos de la ciudad.",
        ),
        "bg": (
            "Анализ на градски данни",
            "Табла за управление, езера от данни и анализи на градските данни.",
        ),
        "el": (
            "Ανάλυση αστικών δεδομένων",
            "Πίνακες ελέγχου, λίμνες δεδομένων και αναλύσεις για τα δεδομένα της πόλης.",
        ),
        "sr-latn": (
            "Analitika gradskih podataka",
            "Kontrolne table, jezera podataka i analitika gradskih podataka.",
        ),
    },
    "cybersecurity": {
        "it": (
            "Cybersicurezza",
            "Sicurezza dei sistemi, delle reti e delle infrastrutture critiche della città.",
        ),
        "es": (
            "Ciberseguridad",
            "Seguridad de los sistemas, las redes y las infraestructuras críticas de la ciudad.",
        ),
        "bg": (
            "Киберсигурност",
            "Сигурност на градските системи, мрежи и критична инфраструктура.",
        ),
        "el": (
            "Κυβερνοασφάλεια",
            "Ασφάλεια των συστημάτων, των δικτύων και των κρίσιμων υποδομών της πόλης.",
        ),
        "sr-latn": (
            "Sajber bezbednost",
            "Bezbednost gradskih sistema, mreža i kritične infrastrukture.",
        ),
    },
    "artificial-intelligence": {
        "it": (
            "Intelligenza artificiale",
            "Apprendimento automatico, visione artificiale e supporto alle decisioni.",
        ),
        "es": (
            "Inteligencia artificial",
            "Aprendizaje automático, visión artificial y apoyo a la toma de decisiones.",
        ),
        "bg": (
            "Изкуствен интелект",
            "Машинно обучение, компютърно зрение и подпомагане на вземането на решения.",
        ),
        "el": (
            "Τεχνητή νοημοσύνη",
            "Μηχανική μάθηση, υπολογιστική όραση και υποστήριξη αποφάσεων.",
        ),
        "sr-latn": (
            "Veštačka inteligencija",
            "Mašinsko učenje, računarski vid i podrška odlučivanju.",
        ),
    },
    "digital-twins": {
        "it": (
            "Gemelli digitali",
            "Repliche virtuali dei beni della città per la simulazione e la pianificazione.",
        ),
        "es": (
            "Gemelos digitales",
            "Réplicas virtuales de los activos de la ciudad para la simulación y la planificación.",
        ),
        "bg": (
            "Цифрови двойници",
            "Виртуални копия на градски активи за симулации и планиране.",
        ),
        "el": (
            "Ψηφιακά δίδυμα",
            "Εικονικά αντίγραφα των υποδομών της πόλης για προσομοίωση και σχεδιασμό.",
        ),
        "sr-latn": (
            "Digitalni blizanci",
            "Virtuelne replike gradske imovine za simulaciju i planiranje.",
        ),
    },
    "mobile-applications": {
        "it": ("Applicazioni mobili", "App per cittadini e imprese per iOS e Android."),
        "es": (
            "Aplicaciones móviles",
            "Aplicaciones para la ciudadanía y las empresas en iOS y Android.",
        ),
        "bg": ("Мобилни приложения", "Приложения за граждани и бизнес за iOS и Android."),
        "el": (
            "Εφαρμογές για κινητά",
            "Εφαρμογές για πολίτες και επιχειρήσεις για iOS και Android.",
        ),
        "sr-latn": ("Mobilne aplikacije", "Aplikacije za građane i privredu za iOS i Android."),
    },
    "gis-mapping": {
        "it": (
            "GIS e cartografia",
            "Sistemi informativi geografici e servizi di dati territoriali.",
        ),
        "es": (
            "SIG y cartografía",
            "Sistemas de información geográfica y servicios de datos espaciales.",
        ),
        "bg": (
            "ГИС и картография",
            "Географски информационни системи и услуги за пространствени данни.",
        ),
        "el": (
            "ΓΣΠ και χαρτογράφηση",
            "Γεωγραφικά συστήματα πληροφοριών και υπηρεσίες χωρικών δεδομένων.",
        ),
        "sr-latn": (
            "GIS i kartografija",
            "Geografski informacioni sistemi i usluge prostornih podataka.",
        ),
    },
    "open-data-platforms": {
        "it": (
            "Piattaforme di dati aperti",
            "Pubblicazione e riutilizzo dei dati del settore pubblico.",
        ),
        "es": (
            "Plataformas de datos abiertos",
            "Publicación y reutilización de los datos del sector público.",
        ),
        "bg": (
            "Платформи за отворени данни",
            "Публикуване и повторно използване на данни от публичния сектор.",
        ),
        "el": (
            "Πλατφόρμες ανοικτών δεδομένων",
            "Δημοσίευση και επαναχρησιμοποίηση δεδομένων του δημόσιου τομέα.",
        ),
        "sr-latn": (
            "Platforme otvorenih podataka",
            "Objavljivanje i ponovna upotreba podataka javnog sektora.",
        ),
    },
    "e-government": {
        "it": (
            "Servizi di e-government",
            "Servizi pubblici digitali, partecipazione online e tecnologie civiche.",
        ),
        "es": (
            "Servicios de administración electrónica",
            "Servicios públicos digitales, participación electrónica y tecnología cívica.",
        ),
        "bg": (
            "Услуги на електронното управление",
            "Цифрови публични услуги, електронно участие и граждански технологии.",
        ),
        "el": (
            "Υπηρεσίες ηλεκτρονικής διακυβέρνησης",
            "Ψηφιακές δημόσιες υπηρεσίες, ηλεκτρονική συμμετοχή και τεχνολογίες για τον πολίτη.",
        ),
        "sr-latn": (
            "Usluge elektronske uprave",
            "Digitalne javne usluge, e-participacija i građanske tehnologije.",
        ),
    },
    "connectivity-5g": {
        "it": (
            "Connettività e 5G",
            "Wi-Fi pubblico, reti LoRaWAN, 5G e in fibra ottica.",
        ),
        "es": ("Conectividad y 5G", "Wi-Fi público, redes LoRaWAN, 5G y de fibra óptica."),
        "bg": ("Свързаност и 5G", "Обществен Wi-Fi, LoRaWAN, 5G и оптични мрежи."),
        "el": (
            "Συνδεσιμότητα και 5G",
            "Δημόσιο Wi-Fi, δίκτυα LoRaWAN, 5G και οπτικών ινών.",
        ),
        "sr-latn": ("Povezanost i 5G", "Javni Wi-Fi, LoRaWAN, 5G i optičke mreže."),
    },
    "cloud-edge-computing": {
        "it": (
            "Cloud ed edge computing",
            "Hosting, nodi edge e servizi cloud per le applicazioni urbane.",
        ),
        "es": (
            "Computación en la nube y en el borde",
            "Alojamiento, nodos de borde y servicios en la nube para aplicaciones urbanas.",
        ),
        "bg": (
            "Облачни и периферни изчисления",
            "Хостинг, периферни възли и облачни услуги за градски приложения.",
        ),
        "el": (
            "Υπολογιστικό νέφος και υπολογιστική αιχμής",
            "Φιλοξενία, κόμβοι αιχμής και υπηρεσίες νέφους για εφαρμογές της πόλης.",
        ),
        "sr-latn": (
            "Računarstvo u oblaku i na ivici mreže",
            "Hosting, čvorovi na ivici mreže i usluge u oblaku za gradske aplikacije.",
        ),
    },
    "blockchain": {
        "it": (
            "Blockchain e registri distribuiti",
            "Tracciabilità, contratti intelligenti e servizi tokenizzati.",
        ),
        "es": (
            "Blockchain y registros distribuidos",
            "Trazabilidad, contratos inteligentes y servicios tokenizados.",
        ),
        "bg": (
            "Блокчейн и разпределени регистри",
            "Проследимост, интелигентни договори и токенизирани услуги.",
        ),
        "el": (
            "Blockchain και κατανεμημένα καθολικά",
            "Ιχνηλασιμότητα, έξυπνα συμβόλαια και υπηρεσίες με ψηφιακά διακριτικά (tokens).",
        ),
        "sr-latn": (
            "Blokčejn i distribuirani registri",
            "Sledljivost, pametni ugovori i tokenizovane usluge.",
        ),
    },
}

SECTORS = {
    "mobility": {
        "it": "Mobilità",
        "es": "Movilidad",
        "bg": "Мобилност",
        "el": "Κινητικότητα",
        "sr-latn": "Mobilnost",
    },
    "construction-building": {
        "it": "Costruzioni ed edilizia",
        "es": "Construcción y edificación",
        "bg": "Строителство и сгради",
        "el": "Κατασκευές και κτίρια",
        "sr-latn": "Građevinarstvo i zgradarstvo",
    },
    "utilities-energy": {
        "it": "Servizi pubblici ed energia",
        "es": "Servicios públicos y energía",
        "bg": "Комунални услуги и енергетика",
        "el": "Υπηρεσίες κοινής ωφέλειας και ενέργεια",
        "sr-latn": "Komunalne usluge i energetika",
    },
    "environment": {
        "it": "Ambiente",
        "es": "Medio ambiente",
        "bg": "Околна среда",
        "el": "Περιβάλλον",
        "sr-latn": "Životna sredina",
    },
    "ict": {
        "it": "ICT",
        "es": "TIC",
        "bg": "ИКТ",
        "el": "ΤΠΕ",
        "sr-latn": "IKT",
    },
}


def column(field, language):
    """The column of one language: "name", "sr-latn" → "name_sr_latn" (modeltranslation's)."""
    return f"{field}_{language.replace('-', '_')}"
