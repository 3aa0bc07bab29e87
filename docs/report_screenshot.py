#!/usr/bin/env python
"""The README's report screenshot, rebuilt from articles written for it (not real news).

    python docs/report_screenshot.py            # writes docs/report.png (needs chromium)

Builds a small feed of Swedish articles with publication dates spread over fifteen years
and a few outlets, runs the pipeline on it into a temporary folder, writes the report and
takes a headless-chromium screenshot of it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (published, outlet, text): written for this screenshot
ARTICLES = [
    ("2009-10-07", "svt.se", "Anna Ek föreslår nya regler för skolan\n\nUtbildningsminister Anna Ek vill att eleverna "
     "ska få mer tid med lärarna.\n\n– Vi måste satsa på skolan nu, säger Anna Ek.\n\nLärarförbundet välkomnar förslaget."),
    ("2009-11-12", "dn.se", "Lärarförbundet kritiserar budgeten\n\nLärarförbundet anser att pengarna inte räcker.\n\n"
     "– Det här är för lite, säger ordföranden Lars Berg.\n\nAnna Ek försvarar budgeten."),
    ("2010-02-03", "svt.se", "Ny skolreform i Göteborg\n\nGöteborg blir först med den nya skolreformen, enligt Anna Ek."
     "\n\n– Vi är redo, säger rektorn Maria Holm."),
    ("2014-05-20", "gp.se", "Region Skåne bygger nytt sjukhus\n\nRegion Skåne ska bygga ett nytt sjukhus i Malmö.\n\n"
     "– Vården behöver mer plats, säger regionrådet Per Lind.\n\nLars Berg är kritisk till kostnaden."),
    ("2018-03-14", "sverigesradio.se", "Anna Ek lämnar politiken\n\nAnna Ek meddelade i dag att hon lämnar politiken.\n\n"
     "– Det har varit fantastiska år, säger hon.\n\nLärarförbundet tackar för samarbetet."),
    ("2018-03-30", "svt.se", "Lärarförbundet varnar för lärarbrist\n\nLärarförbundet varnar för att Göteborg saknar "
     "lärare.\n\n– Bristen blir värre varje år, säger Lars Berg."),
    ("2019-06-06", "dn.se", "Sjukhuset i Malmö försenas\n\nRegion Skåne meddelar att sjukhuset blir klart två år senare."
     "\n\n– Vi har haft problem med upphandlingen, säger Per Lind."),
    ("2019-06-20", "gp.se", "Göteborg satsar på simhallar\n\nGöteborg bygger tre nya simhallar.\n\n"
     "– Alla barn ska kunna simma, säger kommunalrådet Eva Nord."),
    ("2022-09-11", "svt.se", "Valet avgjort i Göteborg\n\nEva Nord blir kvar som kommunalråd i Göteborg.\n\n"
     "– Jag är tacksam för förtroendet, säger Eva Nord.\n\nLars Berg gratulerar."),
    ("2023-01-15", "sverigesradio.se", "Region Skåne öppnar sjukhuset\n\nDet nya sjukhuset i Malmö har öppnat.\n\n"
     "– Äntligen, säger Per Lind.\n\nAnna Ek var på plats som gäst."),
    ("2024-03-05", "dn.se", "Lärarförbundet får ny ordförande\n\nLars Berg lämnar Lärarförbundet efter femton år.\n\n"
     "– Det är dags för nya krafter, säger han."),
    ("2024-04-18", "svt.se", "Göteborg bygger ny skola\n\nGöteborg ska bygga en ny skola i Hisingen, enligt Eva Nord."
     "\n\n– Det behövs fler platser, säger rektorn Maria Holm."),
]


def main() -> int:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("error: chromium not found (apt-get install chromium)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="report-demo-"))
    feed = work / "demo.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for n, (published, outlet, text) in enumerate(ARTICLES):
            fh.write(json.dumps({"id": f"demo-{n:02d}", "text": text, "published": published, "outlet": outlet},
                                ensure_ascii=False) + "\n")
    # one undated article, so the chart's note shows
    with feed.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "demo-undated", "text": "Lars Berg besökte Göteborg\n\nLars Berg talade om skolan."
                                                          "\n\n– Lärarna behöver stöd, säger han."},
                            ensure_ascii=False) + "\n")
    out = work / "out"
    subprocess.run([sys.executable, "-m", "pipeline", "run", str(feed), "--out", str(out), "-q"], check=True, cwd=ROOT)
    subprocess.run([sys.executable, "-m", "pipeline", "report", "--out", str(out)], check=True, cwd=ROOT)
    page = out / "report" / "index.html"
    shot = ROOT / "docs" / "report.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             f"--user-data-dir={work / 'profile'}", "--hide-scrollbars"]
    subprocess.run([browser, *flags, f"--screenshot={shot}", "--window-size=1100,2200", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    print(f"wrote {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
