"""The first version of the IKÖ self-check: the seven fields of action of the "Weltoffene
Kommune" check (Bertelsmann Stiftung / Phineo, 2018 ff.), 3 to 5 indicators each, a scale 0 … 4
and a suggestion per field and level. Plain data: programme staff change it afterwards in new
versions (`services.questionnaire_new_version`); this module is only the starting point.
"""

TITLE = "IKÖ-Selbstcheck „Weltoffene Kommune“"

LEVELS = [
    "0 – nicht begonnen",
    "1 – erste Schritte",
    "2 – im Aufbau",
    "3 – etabliert",
    "4 – verankert und überprüft",
]


def _suggest(topic: str) -> list[str]:
    return [
        f"Verschaffen Sie sich einen Überblick: Wer ist für {topic} zuständig, was gibt es schon?",
        f"Legen Sie für {topic} eine verantwortliche Stelle und ein erstes Ziel fest.",
        f"Machen Sie {topic} verbindlich: Beschluss, Ressourcen und ein Zeitplan.",
        f"Prüfen Sie die Wirkung bei {topic} regelmäßig und beteiligen Sie die Zielgruppen.",
        f"Teilen Sie Ihre Erfahrungen zu {topic} mit anderen WIR-Einheiten (Vernetzung).",
    ]


FIELDS = [
    (
        "steuerung",
        "Management und Steuerung",
        "Leitbild, Zuständigkeiten und Ressourcen für Vielfalt und Teilhabe in der Verwaltung.",
        _suggest("die Steuerung der interkulturellen Öffnung"),
        [
            "Ein politischer Beschluss oder Leitbild zu Vielfalt und Teilhabe liegt vor.",
            "Für interkulturelle Öffnung gibt es eine Stelle mit klarem Auftrag und Budget.",
            "Ziele und Kennzahlen werden regelmäßig erhoben und berichtet.",
            "Die Verwaltungsspitze bespricht den Stand mindestens einmal im Jahr.",
        ],
    ),
    (
        "oeffnung",
        "Interkulturelle Öffnung und Antirassismus",
        "Personal, Qualifizierung und der Umgang mit Diskriminierung in der eigenen Verwaltung.",
        _suggest("die interkulturelle Öffnung der Verwaltung"),
        [
            "Beschäftigte werden regelmäßig zu interkultureller Kompetenz und Antirassismus "
            "fortgebildet.",
            "Stellenausschreibungen sprechen Menschen mit Einwanderungsgeschichte gezielt an.",
            "Es gibt eine Beschwerdestelle bei Diskriminierung mit geregeltem Verfahren.",
            "Der Anteil Beschäftigter mit Einwanderungsgeschichte ist bekannt (freiwillige "
            "Erhebung).",
            "Verfahren und Formulare werden auf diskriminierende Wirkung überprüft.",
        ],
    ),
    (
        "zugang",
        "Fairer Zugang und Teilhabe",
        "Zugang zu Leistungen, Information und Beratung der Kommune für alle Einwohnerinnen und "
        "Einwohner.",
        _suggest("den fairen Zugang zu Leistungen"),
        [
            "Wichtige Informationen gibt es in leichter Sprache und den häufigsten "
            "Herkunftssprachen.",
            "Sprachmittlung (Dolmetschen) ist für Beratungsgespräche geregelt und finanziert.",
            "Migrantenorganisationen sind in Beiräten und Gremien vertreten.",
            "Die Nutzung zentraler Angebote wird nach Zielgruppen ausgewertet.",
        ],
    ),
    (
        "arbeit",
        "Arbeit",
        "Zugang zu Ausbildung und Arbeit, Anerkennung von Abschlüssen, lokale Wirtschaft.",
        _suggest("den Zugang zu Arbeit und Ausbildung"),
        [
            "Es gibt eine Lotsen- oder Erstanlaufstelle zur Anerkennung ausländischer Abschlüsse.",
            "Jobcenter, Arbeitsagentur und Kammern stimmen sich regelmäßig ab.",
            "Die Kommune bildet selbst Menschen mit Einwanderungsgeschichte aus.",
        ],
    ),
    (
        "engagement",
        "Engagement",
        "Ehrenamt, Vereine und Migrantenorganisationen als Partner.",
        _suggest("die Förderung des Engagements"),
        [
            "Migrantenorganisationen werden gezielt beraten und gefördert.",
            "Ehrenamtliche Lotsinnen und Lotsen werden geschult und begleitet.",
            "Förderrichtlinien sind für kleine und neue Vereine zugänglich.",
        ],
    ),
    (
        "zusammenhalt",
        "Zusammenhalt",
        "Begegnung, Nachbarschaft und eine Willkommens- und Anerkennungskultur vor Ort.",
        _suggest("den gesellschaftlichen Zusammenhalt"),
        [
            "Es gibt regelmäßige Begegnungsformate in den Stadtteilen oder Gemeinden.",
            "Neu Zugewanderte werden aktiv begrüßt (Willkommensmappe, Veranstaltung).",
            "Die Kommune beteiligt sich an Aktionstagen gegen Rassismus.",
            "Quartiersarbeit bezieht alle Bevölkerungsgruppen ein.",
        ],
    ),
    (
        "kommunikation",
        "Kommunikation und Konfliktmanagement",
        "Öffentlichkeitsarbeit, Haltung der Kommune und der Umgang mit Konflikten.",
        _suggest("Kommunikation und Konfliktmanagement"),
        [
            "Die Kommune bezieht öffentlich Stellung für Vielfalt und gegen Rassismus.",
            "Für Konflikte im Zusammenleben gibt es ein abgestimmtes Vorgehen.",
            "Die Öffentlichkeitsarbeit zeigt die Vielfalt der Bevölkerung.",
        ],
    ),
]
