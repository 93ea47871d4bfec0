"""One app process of the crowd server: `python -m lancs_dash.serve.app_process [streamlit run options]`.

It loads the release it will serve (the database and its published page models, lancs_dash/ui/store.py)
before Streamlit starts listening, so the proxy's health check passes only once the process can answer a
page view from the published models, and the first visitors never wait for a load or a build.
"""

from __future__ import annotations

import sys

from streamlit.web import cli

from lancs_dash.ui import store


def main(options: list[str]) -> None:
    store.release()
    sys.argv = ["streamlit", "run", "app.py", *options]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
