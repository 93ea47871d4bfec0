"""One app process of the crowd server: `python -m lancs_dash.serve.app_process [streamlit run options]`.

It loads the release it will serve (the database and its published page models, lancs_dash/ui/store.py)
before Streamlit starts listening, so the proxy's health check passes only once the process can answer a
page view from the published models, and the first visitors never wait for a load or a build.
"""

from __future__ import annotations

import sys
import time

from streamlit.web import cli

from lancs_dash.ui import store


def main(options: list[str]) -> None:
    started = time.perf_counter()
    release = store.release()
    print(f"{release.snap.path.name}, data version {release.snap.data_version}: "
          + (f"{release.published} published page models loaded" if release.published
             else "no published page models (each is built when first asked for)")
          + f" in {time.perf_counter() - started:.1f} s", flush=True)
    sys.argv = ["streamlit", "run", "app.py", *options]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
