"""One app process of the crowd server: `python -m lancs_dash.serve.app_process [streamlit run options]`.

It loads the release it will serve (the database and its published page models, lancs_dash/ui/store.py)
before Streamlit starts listening, so the proxy's health check passes only once the process can answer a
page view from the published models, and the first visitors never wait for a load or a build.
"""

from __future__ import annotations

import sys
import time

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from lancs_dash.ui import store


def main(options: list[str]) -> None:
    started = time.perf_counter()
    release = store.release()
    print(f"{release.snap.path.name}, data version {release.snap.data_version}: "
          + (f"{release.published} published page models loaded" if release.published
             else "no published page models (each is built when first asked for)")
          + f" in {time.perf_counter() - started:.1f} s", flush=True)
    # The project has a pages/ folder, which Streamlit reads as its older multipage layout until app.py has called
    # st.navigation once in the process: until then a first visitor's deep link to a page that has no file of its
    # own (every Plan priority is one callable page) is answered "Page not found". app.py always navigates.
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", "app.py", *options]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
