"""The consortium's clusters, their member SMEs and the competency taxonomy."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.content_translations import EnglishOriginalColumn
from core.models import Geolocated


class Sector(EnglishOriginalColumn, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name


class CompetencyArea(EnglishOriginalColumn, models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("competency area")
        verbose_name_plural = _("competency areas")

    def __str__(self):
        return self.name


class Competency(EnglishOriginalColumn, models.Model):
    area = models.ForeignKey(
        CompetencyArea,
        on_delete=models.PROTECT,
        related_name="competencies",
        verbose_name=_("area"),
    )
    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["area__position", "position", "name"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")

    def __str__(self):
        return self.name


def cluster_label(acronym, name):
    """ "Acronym – name", unless the name already starts with the acronym ("Green HoMe – ...")."""
    if not acronym or name.casefold().startswith(acronym.casefold()):
        return name
    return f"{acronym} – {name}"


class Cluster(EnglishOriginalColumn, Geolocated):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="clusters/logos/", blank=True)
    description = models.TextField(_("description"), blank=True)
    focus = models.CharField(_("focus"), max_length=200, blank=True)
    sectors = models.ManyToManyField(
        Sector, related_name="clusters", blank=True, verbose_name=_("sectors")
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    is_partner = models.BooleanField(
        _("consortium partner"),
        default=False,
        help_text=_("One of the partners of the C2Future consortium."),
    )
    is_coordinator = models.BooleanField(_("project coordinator"), default=False)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="staff_clusters",
        blank=True,
        verbose_name=_("staff"),
        help_text=_("Staff users who curate this cluster's members and submissions."),
    )

    class Meta:
        ordering = ["-is_partner", "name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return cluster_label(self.acronym, self.name)

    def get_absolute_url(self):
        return reverse("clusters:detail", kwargs={"slug": self.slug})


class CompanyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Company.Status.PUBLISHED)


class Company(Geolocated):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Size(models.TextChoices):
        MICRO = "micro", _("Micro (fewer than 10 employees)")
        SMALL = "small", _("Small (10–49 employees)")
        MEDIUM = "medium", _("Medium (50–249 employees)")
        LARGE = "large", _("Large (250 employees or more)")

    # "% o" in "10% of" is no placeholder (xgettext would flag these python-format).
    class ExportShare(models.TextChoices):
        NONE = "none", _("No exports")
        # xgettext:no-python-format
        UP_TO_10 = "0-10", _("Up to 10% of turnover")
        # xgettext:no-python-format
        UP_TO_25 = "10-25", _("10–25% of turnover")
        # xgettext:no-python-format
        UP_TO_50 = "25-50", _("25–50% of turnover")
        # xgettext:no-python-format
        OVER_50 = "50+", _("Over 50% of turnover")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    vat_number = models.CharField(_("VAT / registration number"), max_length=40, blank=True)
    clusters = models.ManyToManyField(
        Cluster, related_name="members", blank=True, verbose_name=_("clusters")
    )
    country = CountryField(_("country"), blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    # Coordinates guessed from the town at approval (clusters.geocoding): its centre only.
    location_approximate = models.BooleanField(
        _("approximate location (town centre)"),
        default=False,
        help_text=_(
            "The coordinates are the centre of the town, guessed at approval. Correcting "
            "them unticks this."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public email"), blank=True)
    public_phone = models.CharField(_("public phone"), max_length=40, blank=True)
    logo = models.ImageField(_("logo"), upload_to="companies/logos/", blank=True)
    description = models.TextField(_("description"), blank=True)
    # Descriptions stay in the language the company wrote them in; the profile says which.
    description_language = models.CharField(
        _("language of the description"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    sectors = models.ManyToManyField(
        Sector, related_name="companies", blank=True, verbose_name=_("sectors")
    )
    competencies = models.ManyToManyField(
        Competency,
        through="CompanyCompetency",
        related_name="companies",
        blank=True,
        verbose_name=_("competencies"),
    )
    export_share = models.CharField(
        _("export share"), max_length=10, choices=ExportShare.choices, blank=True
    )
    certifications = models.CharField(
        _("certifications"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated, e.g. ISO 9001, ISO 14001."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("Working languages, comma-separated."),
    )
    # Contact person: private unless the company consented to publishing it.
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    consent_publish_contact = models.BooleanField(
        _("consented to publishing the contact person"), default=False
    )
    consent_contact_by_partners = models.BooleanField(
        _("consented to be contacted by partners"), default=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Fictional company for demonstration.")
    )
    # Optimistic locking for concurrent curation: bumped on every save.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Denormalised search data, kept up to date by clusters.services.refresh_search_documents
    # so a search never joins offerings and competencies: the text (name, competencies,
    # offerings) feeds the trigram index, the vector the weighted full-text index.
    search_document = models.TextField(_("search document"), blank=True, editable=False)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["version", "search_document", "search_vector"])

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.UniqueConstraint(
                fields=["vat_number"],
                condition=~Q(vat_number=""),
                name="company_vat_number_unique_when_present",
            )
        ]
        indexes = [
            models.Index(fields=["status", "name"], name="company_status_name"),
            models.Index(fields=["status", "-updated_at"], name="company_status_updated"),
            models.Index(fields=["status", "country"], name="company_status_country"),
            models.Index(fields=["status", "size"], name="company_status_size"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        extra_fields = set()
        if not self._state.adding:
            self.version = (self.version or 0) + 1
            extra_fields.add("version")
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            extra_fields.add("published_at")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *extra_fields}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("clusters:company", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def has_public_contact(self):
        return self.consent_publish_contact and bool(
            self.contact_name or self.contact_email or self.contact_phone
        )


class CompanyCompetency(models.Model):
    class Level(models.TextChoices):
        BASIC = "basic", _("Basic")
        ADVANCED = "advanced", _("Advanced")
        EXPERT = "expert", _("Expert")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="competency_links")
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="company_links"
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.BASIC)

    class Meta:
        verbose_name = _("company competency")
        verbose_name_plural = _("company competencies")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "competency"], name="company_competency_unique"
            )
        ]
        indexes = [models.Index(fields=["competency", "company"], name="compcomp_comp_company")]

    def __str__(self):
        return f"{self.competency} ({self.get_level_display()})"


class CompanyMarket(models.Model):
    """A country where a company exports today or wants to go."""

    class Kind(models.TextChoices):
        CURRENT = "current", _("Current export market")
        TARGET = "target", _("Target market")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="markets")
    country = CountryField(_("country"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = highest priority (target markets only)."),
    )

    class Meta:
        ordering = ["kind", "priority", "country"]
        verbose_name = _("market")
        verbose_name_plural = _("markets")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "country", "kind"], name="company_market_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "country", "company"], name="market_kind_country")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.country.name}"


class Offering(models.Model):
    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product")
        SERVICE = "service", _("Service")
        SOLUTION = "solution", _("Solution")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="offerings")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sector = models.ForeignKey(
        Sector,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offerings",
        verbose_name=_("sector"),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")

    def __str__(self):
        return self.name


class SearchWord(models.Model):
    """The vocabulary of the directory's search documents (one row per distinct word).

    Misspelt query words are matched against this short list by trigram similarity
    (PostgreSQL, GIN index in a migration) and the corrections join the full-text query:
    comparing a few thousand words is fast where comparing every company's document is not.
    Maintained by clusters.services.refresh_search_documents; stale words are harmless.
    """

    word = models.CharField(_("word"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self):
        return self.word
