"""The dashboard's pages, in navigation order: the one list that app.py, meeting mode, publishing and the tests
read. Which pages a database has follows its force's Plan (data/plans/, read/plan.py): a page per Plan priority,
or for a force with no Plan file a page per group of police.uk crime types; and the pages whose figures only
some databases hold (your neighbourhood, national measures, budget and precept) appear only where they are held."""

from __future__ import annotations

from dataclasses import dataclass

from lancs_dash.figures import priorities
from lancs_dash.read.plan import Plan, for_force
from lancs_dash.read.snapshot import Snapshot

PRIORITY_PAGE = "lancs_dash/ui/priority.py"  # draws every priority page (app.py gives it the priority)


@dataclass(frozen=True)
class Page:
    path: str  # the page file, relative to the project root
    title: str
    icon: str
    default: bool = False
    priority: str = ""  # the Plan priority (or open-data group) the page draws; "" for the other pages

    @property
    def url_path(self) -> str:
        """The page's address: "" for the default page, a priority's own, otherwise the file name as Streamlit
        infers it."""
        if self.default:
            return ""
        return self.priority.replace("-", "_") if self.priority else self.path.rsplit("/", 1)[-1].removesuffix(".py")

    @property
    def id(self) -> str:
        return self.url_path or "default"


def listing(plan: Plan, held: frozenset[str]) -> tuple[Page, ...]:
    """The pages of a database whose force has `plan` and which holds the optional sources `held`."""
    shown = priorities.shown(plan, held)
    return (
        Page("pages/overview.py", "Overview", ":material/dashboard:", default=True),
        *((Page("pages/neighbourhood.py", "Your neighbourhood", ":material/home_pin:"),) if "wards" in held else ()),
        *((Page("pages/meeting.py", "Meeting mode", ":material/slideshow:"),) if plan.is_plan else ()),
        *(Page(PRIORITY_PAGE, p.label, p.icon, priority=p.id) for p in shown),
        *((Page("pages/national_measures.py", "National measures", ":material/flag:"),)
          if plan.is_plan and "national" in held else ()),
        Page("pages/compare_forces.py", "Compare forces", ":material/leaderboard:"),
        *((Page("pages/budget.py", "Budget & precept", ":material/payments:"),) if "budget" in held else ()),
        Page("pages/data.py", "Data and downloads", ":material/download:"),
        Page("pages/about.py", "About", ":material/info:"),
    )


def pages(snap: Snapshot) -> tuple[Page, ...]:
    """The pages of the database `snap` reads."""
    return listing(snap.plan, priorities.held_in(snap))


# Lancashire's pages with every source held: the embedded default's, which the tests and benchmarks walk.
PAGES = listing(for_force("lancashire"), priorities.EVERYTHING)
