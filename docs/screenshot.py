"""Regenerate docs/view-example.png: the example corpus overview with a paper's details open.

    python docs/screenshot.py [--paper-title-prefix SpeechBridge]

Needs Debian's Chromium (/usr/bin/chromium) and the test extras (playwright).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.build import build  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paper-title-prefix", default="SpeechBridge")
    parser.add_argument("--out", default=str(REPO / "docs" / "view-example.png"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    os.chdir(REPO)  # sources read "examples/corpus/…", as after `make demo`
    with tempfile.TemporaryDirectory() as tmp:
        result = build(["examples/corpus"], Path(tmp) / "out", formats=["html"])
        node = next(n for n, d in result.graph.nodes(data=True)
                    if d["type"] == "paper" and d["title"].startswith(args.paper_title_prefix))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 860})
            page.goto((Path(tmp) / "out" / "graph.html").as_uri())
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=15_000)
            page.evaluate("id => kgView.network.focus(id, {scale: 0.9})", node)
            page.wait_for_timeout(300)
            x, y = page.evaluate("""id => {
                const p = kgView.network.canvasToDOM(kgView.network.getPosition(id));
                const box = document.getElementById('graph').getBoundingClientRect();
                return [box.left + p.x, box.top + p.y];
            }""", node)
            page.mouse.click(x, y)
            page.wait_for_selector("#details:not([hidden])", timeout=5_000)
            page.screenshot(path=args.out)
            browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
