from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def directory_url(**filters):
    """The directory filtered by these values ("?cluster=clm"), for links from profiles."""
    return f"{reverse('clusters:directory')}?{urlencode(filters)}"


@register.filter
def company_facts(company):
    """A card's line of facts, escaped: "City, Country · Size · CLM, DTI" (the parts it has)."""
    if company.city:
        place = format_html("{}, {}", company.city, company.country.name)
    else:
        place = format_html("{}", company.country.name)
    facts = [place]
    if company.size:
        facts.append(format_html("{}", company.get_size_display()))
    clusters = company.clusters.all()
    if clusters:
        names = ((cluster.acronym or cluster.name,) for cluster in clusters)
        facts.append(format_html_join(", ", "{}", names))
    return format_html_join(" · ", "{}", ((fact,) for fact in facts))
