"""The Plan's five priorities and its Appendix D outcome measures, in one place.

Commitments are summarised in our own words, citing the Plan section. Each outcome measure carries
an honest data status: measured (a registry measure speaks to it directly), proxy (a registry
measure speaks to it indirectly, with why) or none (no open data published, with what would be
needed). Pages and the overview scorecard both read from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["measured", "proxy", "none"]


@dataclass(frozen=True)
class OutcomeMeasure:
    text: str  # the Appendix D measure, paraphrased
    status: Status
    measure_id: str | None = None  # registry measure used when measured or proxy
    note: str = ""  # for a proxy: what and why; for none: what data would be needed


@dataclass(frozen=True)
class Priority:
    id: str
    title: str
    page: str  # page file, for st.page_link
    section: str  # where in the Plan
    commitments: tuple[str, ...]  # our own summary of what the Plan commits to
    headline_measures: tuple[str, ...]  # the registry measures the page leads with, the first for the trend
    outcomes: tuple[OutcomeMeasure, ...]
    district_measure: str  # the registry measure the district table ranks
    force_rates: tuple[str, ...] = ()  # registry.FORCE_RATES compared between forces for this priority
    sensitive: bool = False  # small district counts are suppressed


def _none(text: str, needed: str) -> OutcomeMeasure:
    return OutcomeMeasure(text, "none", note=f"Would need {needed}.")  # the status says none is published


PRIORITIES: tuple[Priority, ...] = (
    Priority(
        "asb", "Anti-social behaviour", "pages/asb.py", "Plan §2 'Getting tough on anti-social behaviour'; Appendix D",
        ("Cut ASB across the county, treating it as the public's top local concern (§2).",
         "Use the 'Lancashire Talking' survey to find and rank each community's issues (§2).",
         "Neighbourhood teams and partners solve problems together and act firmly against the people "
         "causing most harm (§2, Neighbourhood Policing)."),
        ("asb_incidents",),
        (_none("Public confidence in the police rises, as measured by 'Lancashire Talking'",
               "the 'Lancashire Talking' survey results published as data, by area and date"),
         _none("Officers and PCSOs are more visible in ASB hotspots",
               "patrol or deployment records by location (the hotspot map shows where ASB is reported, not where "
               "officers are)"),
         _none("Partnership problem-solving against ASB works",
               "a published log of problem-solving plans and their results"),
         _none("Repeat and persistent ASB offenders are targeted",
               "offender-level data (police.uk ASB records carry no person or outcome)")),
        "asb_incidents",
    ),
    Priority(
        "organised-crime", "Organised crime", "pages/organised_crime.py",
        "Plan §2 'Preventing and disrupting organised crime'; Appendix D",
        ("Treat serious organised crime as a whole-system problem across the 4P approach: pursue, prevent, "
         "protect, prepare (§2).",
         "Build local organised-crime profiles and force action plans with partners (§2).",
         "Protect people exploited by gangs, including through county lines and anti-slavery work (§2)."),
        ("proactive_drugs_weapons",),
        (OutcomeMeasure("Offenders involved in organised crime are proactively managed", "proxy",
                        "proactive_drugs_weapons",
                        "Drug and weapon possession offences are mostly found by police activity, not reported by "
                        "victims, so their volume reflects proactive policing, not organised crime itself."),
         _none("Organised crime, its known offenders and hotspots are well understood",
               "organised crime group mapping data, which is not published"),
         _none("Intelligence is gathered and shared with partners and the community",
               "intelligence submission counts, which are not published"),
         OutcomeMeasure("Partners disrupt organised crime and bring offenders to justice", "proxy",
                        "drugs_weapons_charged_share",
                        "Share of drug and weapon offences ending in a charge or summons (police.uk last outcome). "
                        "Not specific to organised crime; outcomes are as at download."),
         _none("Vulnerable people are protected from organised crime",
               "safeguarding referrals or National Referral Mechanism figures by force"),
         _none("Communities become more resilient to organised crime", "a published community survey"),
         _none("Diversion schemes keep young people out of organised crime", "diversion scheme referral data"),
         _none("Civil orders are used more to disrupt offenders",
               "counts of civil orders (e.g. Serious Crime Prevention Orders) by force")),
        "proactive_drugs_weapons", ("drugs_per_1000", "possession_of_weapons_per_1000"),
    ),
    Priority(
        "dasv", "Domestic abuse & sexual violence", "pages/dasv.py",
        "Plan §2 'Tackling domestic abuse and sexual violence'; Appendix D",
        ("Give more resources to hidden harms such as domestic abuse, rape and serious sexual offences (§2).",
         "Follow a Domestic Abuse plan that pursues perpetrators and keeps to victims' rights under the "
         "Victims' Code, working with safeguarding partners (§2).",
         "Get cases through the justice system thoroughly and quickly (§2)."),
        # police.uk's broad category leads (monthly, by district); the specific published figures follow.
        ("violence_and_sexual_offences", "ho_sexual_offences", "ho_stalking_harassment", "victim_satisfaction"),
        (_none("More resources go to hidden harms", "workforce figures by team, which are not published"),
         _none("A Domestic Abuse Action Plan improves the response",
               "the plan's own milestones; a plan is a document, not a figure"),
         OutcomeMeasure("More domestic abuse and sexual violence is reported", "proxy", "ho_sexual_offences",
                        "Home Office recorded sexual offences (2017/18 quarters only in the data available). "
                        "police.uk merges sexual offences into 'Violence and sexual offences' and has no domestic "
                        "abuse flag, so no monthly or recent series can be given."),
         _none("More domestic abuse and sexual violence offenders are brought to justice",
               "outcomes for domestic-abuse-flagged and sexual offences (Home Office outcomes tables by force)"),
         OutcomeMeasure("Victims' Code compliance and victim satisfaction rise", "proxy", "victim_satisfaction",
                        "Published satisfaction of all crime victims with the whole experience, with its confidence "
                        "interval; the latest published figure in the data is old and not specific to these "
                        "crimes."),
         _none("Protective orders (DAPOs, SHPOs) are used proactively", "order counts by force"),
         _none("Repeat offending falls", "reoffending data for domestic abuse perpetrators"),
         _none("Repeat victimisation of domestic abuse falls", "repeat-victim flags in recorded crime")),
        "violence_and_sexual_offences", ("violence_and_sexual_offences_per_1000",), sensitive=True,
    ),
    Priority(
        "burglary-robbery", "Burglary & robbery", "pages/burglary_robbery.py",
        "Plan §2 'Tackling burglary and robbery'; Appendix D",
        ("Reduce residential burglary and robbery and bring more of the offenders to justice (§2).",
         "Target the persistent offenders who commit many of these crimes (§2).",
         "Work with communities on prevention, so fewer people are burgled again (§2)."),
        ("burglary_robbery",),
        (OutcomeMeasure("Fewer residential burglaries and robberies are recorded", "proxy", "burglary_robbery",
                        "police.uk Burglary and Robbery; police.uk does not separate residential from business "
                        "burglary."),
         OutcomeMeasure("More burglary and robbery offenders are brought to justice", "proxy",
                        "burglary_robbery_charged_share",
                        "Share of burglaries and robberies whose last outcome is a charge or summons (police.uk, "
                        "as at download; recent months have more cases still under investigation)."),
         _none("Persistent and repeat offenders are targeted", "offender-level data"),
         _none("Victims of serious acquisitive crime are more satisfied",
               "the force's victim survey results by crime type"),
         _none("Fewer people are burgled again", "repeat-victim flags in recorded crime")),
        "burglary_robbery", ("burglary_per_1000", "robbery_per_1000"),
    ),
    Priority(
        "roads", "Dangerous drivers (road danger)", "pages/roads.py",
        "Plan §2 'Targeting dangerous drivers'; Appendix D 'Improving road safety'",
        ("Cut deaths and serious injuries on the roads by enforcing against the 'fatal 5': careless driving, "
         "drink or drug driving, no seat belt, speeding and phone use (§2).",
         "Work through the Lancashire Road Safety Partnership on education and enforcement (§2).",
         "Act against anti-social driving and riding that makes people feel unsafe (§2)."),
        ("ksi_collisions",),
        (_none("More prosecutions, vehicle seizures and action on anti-social driving",
               "motoring enforcement figures by force (fixed penalties, seizures)"),
         OutcomeMeasure("Fewer people killed or seriously injured (KSI)", "measured", "ksi_collisions",
                        "STATS19 collisions in which someone was killed or seriously injured. These count "
                        "collisions, not casualties; only 2023 is in the data, so no change can be given."),
         _none("Fewer vulnerable road users in collisions",
               "the STATS19 casualty table (road user type), which is not in the data available"),
         _none("More camera van deployments, tickets, courses and community road watch",
               "Road Safety Partnership activity figures")),
        "ksi_collisions",
    ),
)

BY_ID = {p.id: p for p in PRIORITIES}


def get(priority_id: str) -> Priority:
    return BY_ID[priority_id]


def all_outcomes() -> list[tuple[Priority, OutcomeMeasure]]:
    return [(p, o) for p in PRIORITIES for o in p.outcomes]
