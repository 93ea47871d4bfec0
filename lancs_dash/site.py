"""The dashboard's pages, in navigation order: the one list that app.py, meeting mode and the tests read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str  # the page file, relative to the project root
    title: str
    icon: str
    default: bool = False

    @property
    def url_path(self) -> str:
        """The page's address: "" for the default page, otherwise the file name as Streamlit infers it."""
        return "" if self.default else self.path.rsplit("/", 1)[-1].removesuffix(".py")

    @property
    def id(self) -> str:
        return self.url_path or "default"


PAGES = (
    Page("pages/overview.py", "Overview", ":material/dashboard:", default=True),
    Page("pages/meeting.py", "Meeting mode", ":material/slideshow:"),
    Page("pages/asb.py", "Anti-social behaviour", ":material/campaign:"),
    Page("pages/organised_crime.py", "Organised crime", ":material/hub:"),
    Page("pages/dasv.py", "Domestic abuse & sexual violence", ":material/shield_person:"),
    Page("pages/burglary_robbery.py", "Burglary & robbery", ":material/home:"),
    Page("pages/roads.py", "Dangerous drivers", ":material/directions_car:"),
    Page("pages/national_measures.py", "National measures", ":material/flag:"),
    Page("pages/compare_forces.py", "Compare forces", ":material/leaderboard:"),
    Page("pages/budget.py", "Budget & precept", ":material/payments:"),
    Page("pages/data.py", "Data and downloads", ":material/download:"),
    Page("pages/about.py", "About", ":material/info:"),
)
