"""Link check of every contact and route URL (``python -m knowledge check-links``).

HEAD first (cheap); when that fails or is refused (405 and friends), GET. Redirects are
followed; each request has a timeout. A URL is dead when the final answer is 4xx/5xx or no
answer came. Results go to the contact store (``kb_link_checks``) so the console dashboard
can list dead links.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

USER_AGENT = "zij-instroom-techniek-linkcheck/1 (+operators: docs/operations.md)"


def check_url(url: str, timeout: float = 10.0) -> dict[str, Any]:
    """{"url","ok","status","final_url","method","error"} for one URL."""
    headers = {"User-Agent": USER_AGENT}
    error = ""
    status: int | None = None
    final = url
    for method in ("HEAD", "GET"):
        try:
            with requests.request(method, url, headers=headers, timeout=timeout,
                                  allow_redirects=True, stream=True) as response:
                status, final = response.status_code, response.url
        except requests.RequestException as exc:
            error = type(exc).__name__
            status = None
            continue
        if status < 400:
            return {"url": url, "ok": True, "status": status, "final_url": final,
                    "method": method, "error": ""}
        # Many servers refuse HEAD (405, 403, 404 on HEAD only): try a GET before judging.
    return {"url": url, "ok": False, "status": status, "final_url": final, "method": "GET",
            "error": error}


def all_urls(contacts: Any, routes: Any) -> list[str]:
    """Every distinct URL of the contacts and routes, sorted."""
    urls = {c["url"] for c in contacts if c.get("url")}
    urls |= {r["url"] for r in routes if r.get("url")}
    return sorted(urls)


def check_all(urls: list[str], timeout: float = 10.0, workers: int = 4
              ) -> list[dict[str, Any]]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda u: check_url(u, timeout), urls))


def run(as_json: bool, timeout: float) -> int:
    """The CLI: check, print, store; exit 1 when a URL is dead."""
    import knowledge
    from knowledge import steps

    kb = knowledge.default()
    contacts = steps.current_contacts(kb)
    results = check_all(all_urls(contacts, kb.routes.values()), timeout=timeout)
    if kb.contact_store is not None:
        kb.contact_store.record_links(results)
    dead = [r for r in results if not r["ok"]]
    if as_json:
        print(json.dumps({"results": results, "dead": len(dead), "total": len(results)},
                         ensure_ascii=False))
    else:
        for r in results:
            mark = "ok  " if r["ok"] else "DEAD"
            print(f"{mark} {r['status'] or '-':>3} {r['url']}"
                  + (f" ({r['error']})" if r["error"] else ""))
        print(f"{len(results)} URLs, {len(dead)} dead")
    return 1 if dead else 0
