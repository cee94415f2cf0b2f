"""Pages of "another party's site" for browser tests and benchmarks: a tiny web server on an
origin of its own, and a campaign page that embeds the widget."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Tuple


class HostPages:
    """A tiny web server on its own port: a 'campaign site' on an origin of its own."""

    def __init__(self, host: str = "localhost") -> None:
        self.pages: Dict[str, Tuple[str, bytes]] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                page = pages.get(self.path.split("?")[0])
                if page is None:
                    self.send_error(404)
                    return
                content_type, body = page
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://{host}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, path: str, body: str | bytes,
            content_type: str = "text/html; charset=utf-8") -> str:
        self.pages[path] = (content_type, body.encode() if isinstance(body, str) else body)
        return self.origin + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def campaign_page(widget_src: str, campaign: str, extra_attrs: str = "",
                  heading: str = "Campagnesite") -> str:
    return f"""<!doctype html><html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{heading}</title></head>
<body><h1>{heading}</h1><p>Een pagina van een andere partij.</p>
<script src="{widget_src}" data-campaign="{campaign}" {extra_attrs} defer></script>
</body></html>"""
