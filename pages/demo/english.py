"""The English translation of the demo content, as the site's translators would publish
it: each dict maps a Bulgarian source string (from `data`) to its English text.
`translations(builder)` pairs them with the objects the builder made; add a pair here
for each new demo page or snippet (see `pages.demo.translation.publish_translation`)."""
from pages.demo import data

PROGRAMME = "Operational Programme “Good Governance”"
FUND = "European Social Fund"
FUNDING_STATEMENT = (
    "The project is implemented with the financial support of Operational Programme “Good Governance”, "
    "co-financed by the European Union through the European Social Fund."
)
SITE_TITLE = "Partners for the Development of Sliven Municipality"
RCIR_NAME = "Regional Centre for Economic Development Foundation, Sliven"

ORGANISATIONS = {
    "rcir": {
        data.ORGANISATIONS["rcir"]["name"]: RCIR_NAME,
        data.ORGANISATIONS["rcir"]["short_name"]: "RCED Sliven",
        data.ORGANISATIONS["rcir"]["address"]: "Sliven",
    },
    "municipality": {
        data.ORGANISATIONS["municipality"]["name"]: "Sliven Municipality",
        data.ORGANISATIONS["municipality"]["address"]: "1 Tsar Osvoboditel Blvd, Sliven",
    },
}

EU_FUNDING_NOTICE = {
    "Европейски съюз": "European Union",
    data.FUND: FUND,
    data.PROGRAMME: PROGRAMME,
    data.FUNDING_STATEMENT: FUNDING_STATEMENT,
}

SITE_CONTACT = {
    data.SITE_CONTACT["site_name"]: SITE_TITLE,
    data.SITE_CONTACT["organisation"]: RCIR_NAME,
    data.SITE_CONTACT["address"]: "Sliven",
}

HOME = {
    data.HOME["title"]: SITE_TITLE,
    data.HOME["slug"]: "home",
    data.HOME["intro"]: (
        "Citizens taking part in the work of Sliven Municipality: public discussions, consultations, "
        "good European practices and civic monitoring."
    ),
}

PROJECT = {
    data.PROJECT["title"]: SITE_TITLE,
    data.PROJECT["slug"]: "project",
    data.PROJECT["summary"]: (
        "The project increased civic participation in the work of Sliven Municipality and made it more "
        "transparent through surveys, public discussions, civic monitoring and the transfer of good "
        "European practices."
    ),
    data.PROGRAMME: PROGRAMME,
    data.PROJECT["procedure"]: data.PROJECT["procedure"],
    data.FUND: FUND,
    data.PROJECT["cofinancing_statement"]: (
        "The project is funded by Operational Programme “Good Governance”, co-financed by the European "
        "Union through the European Social Fund."
    ),
    data.PROJECT["main_aim"]: (
        "To increase civic participation in the work of Sliven Municipality and to improve its transparency."
    ),
    **dict(
        zip(
            data.PROJECT["objectives"],
            [
                "Better monitoring and evaluation of the policies pursued by Sliven Municipality.",
                "Opportunities for civil society to take a greater part in governance.",
                "Transfer of good practices in civic participation from EU Member States.",
                "An innovative mechanism for feedback from the citizens of Sliven Municipality.",
                "Greater capacity of the partner organisations to carry out local and regional development projects.",
            ],
            strict=True,
        )
    ),
    **dict(
        zip(
            data.PROJECT["target_groups"],
            ["Staff of Sliven Municipality", "Non-governmental organisations", "Business organisations", "Citizens"],
            strict=True,
        )
    ),
    **dict(
        zip(
            data.PROJECT["strategic_aims"],
            [
                "Strategic aim 2 of OP “Good Governance”: “Partnership governance with citizens and business”",
                "Strategic aim 3 of OP “Good Governance”: “Open and accountable governance”",
            ],
            strict=True,
        )
    ),
    **dict(
        zip(
            data.PROJECT["results"],
            [
                "The activities brought the administration and civil society closer together. They included "
                "surveys, analyses and recommendations on the work of the municipal administration; good "
                "European practices; a model for better civic participation in drafting and carrying out "
                "policies; civic monitoring of the administration's actions; public discussions on topics, "
                "initiatives and documents of public importance to the municipality; and a broad information "
                "campaign to spread the results.",
                "Four public discussions, a one-day round table and a closing conference were held, attended "
                "by more than 125 people. Analytical reports with specific recommendations for improving the "
                "work of the municipal administration were prepared.",
            ],
            strict=True,
        )
    ),
    # The project's indicators (data.INDICATORS).
    "Проведени обществени обсъждания, кръгли маси и конференции": "Public discussions, round tables and conferences held",
    "Участници в проведените събития": "Participants in the events held",
    "Обществени консултации": "Public consultations",
    "Аналитични доклади с препоръки": "Analytical reports with recommendations",
    "събития": "events",
    "души": "people",
    "консултации": "consultations",
    "доклади": "reports",
}

TOPIC_NAMES = {
    "gradska-sreda": ("Urban environment", "urban-environment"),
    "chitalishta": ("Community cultural centres", "community-centres"),
    "npo": ("Non-governmental organisations", "ngos"),
    "biznes": ("Business and economy", "business"),
    "grazhdansko-uchastie": ("Civic participation", "civic-participation"),
    "prozrachnost": ("Transparency and accountability", "transparency"),
}

TOPICS = {
    slug: {data.TOPICS[slug]: name, slug: english_slug} for slug, (name, english_slug) in TOPIC_NAMES.items()
}

INDEX_TEXTS = {
    "consultations": ("Public consultations", "consultations",
                      "Draft regulations and documents of Sliven Municipality open for proposals and opinions under "
                      "Art. 26 of the Normative Acts Act, and the reports on the proposals taken into account."),
    "events": ("Events", "events", "Public discussions, round tables and conferences. Everyone is welcome to attend."),
    "best_practices": ("Good European practices", "best-practices",
                       "Civic participation practices from EU Member States studied by the project, with an assessment "
                       "of how far they can be applied in Sliven."),
    "news": ("News and reports", "news", "News from the information campaign and the project's analytical reports."),
}


def _index(key):
    title, slug, intro = INDEX_TEXTS[key]
    bg_intro = data.INDEXES[key]["intro"]
    return {
        data.INDEXES[key]["title"]: title,
        data.INDEXES[key]["slug"]: slug,
        bg_intro: f"<p>{intro}</p>",
        bg_intro.removeprefix("<p>").removesuffix("</p>"): intro,
    }


INDEXES = {key: _index(key) for key in INDEX_TEXTS}


def translations(builder):
    """(object, English texts) for every demo object `builder` made, snippets first."""
    return [
        (builder.organisations["rcir"], ORGANISATIONS["rcir"]),
        (builder.organisations["municipality"], ORGANISATIONS["municipality"]),
        (builder.eu_funding_notice, EU_FUNDING_NOTICE),
        (builder.site_contact, SITE_CONTACT),
        *((topic, TOPICS[slug]) for slug, topic in builder.topics.items()),
        (builder.home, HOME),
        (builder.project, PROJECT),
        *(
            (builder.home.get_children().get(slug=data.INDEXES[key]["slug"], locale=builder.home.locale), texts)
            for key, texts in INDEXES.items()
        ),
    ]
