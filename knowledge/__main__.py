"""Command line: ``python -m knowledge stats|validate|build|job|place|match|check-links``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from settings.sections import KnowledgeSettings


def _print(value: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, dict):
        for key, item in value.items():
            print(f"{key}: {item}")
    else:
        print(value)


def _load_profile(path: str) -> dict[str, Any]:
    text = Path(path).read_text(encoding="utf-8")
    if path.endswith((".yml", ".yaml")):
        import yaml
        data = yaml.safe_load(text)
    else:
        data = json.loads(text)
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: the profile must be an object of slot names")
    return data.get("profile", data) if isinstance(data.get("profile"), dict) else data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge")
    sub = parser.add_subparsers(dest="command", required=True)
    stats = sub.add_parser("stats", help="counts per table")
    stats.add_argument("--json", action="store_true")
    sub.add_parser("validate", help="check the data files; exit 1 on any problem")
    build = sub.add_parser("build", help="(re)build the database")
    build.add_argument("--force", action="store_true")
    for name in ("job", "place"):
        p = sub.add_parser(name, help=f"recognise a {name} in a sentence")
        p.add_argument("text")
        p.add_argument("--json", action="store_true")
    m = sub.add_parser("match", help="recommendations for a profile file (JSON or YAML)")
    m.add_argument("--profile", required=True)
    m.add_argument("--limit", type=int, default=5)
    m.add_argument("--json", action="store_true")
    links = sub.add_parser("check-links", help="fetch every contact and route URL; exit 1 "
                                               "when one is dead")
    links.add_argument("--json", action="store_true")
    links.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args(argv)

    settings = KnowledgeSettings.from_env()
    if args.command == "validate":
        from knowledge.validator import validate
        problems = validate(settings.knowledge_data_dir, settings.esco_dir)
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} problem(s)", file=sys.stderr)
            return 1
        print("ok: the knowledge data is sound")
        return 0
    from knowledge import loader
    try:
        if args.command == "build":
            result = loader.build(settings, force=args.force)
            print(f"{'built' if result.built else 'up to date'} in {result.seconds:.2f} s")
            return 0
        import knowledge
        knowledge.default()
    except loader.BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.command == "check-links":
        from knowledge import links as _links
        return _links.run(args.json, args.timeout)
    if args.command == "stats":
        _print(knowledge.stats(), args.json)
    elif args.command == "job":
        found = knowledge.recognise_job(args.text)
        if found is not None:
            found = {k: found[k] for k in ("label", "esco_uri", "isco08", "sector", "confidence")}
        _print(found, args.json)
    elif args.command == "place":
        found = knowledge.recognise_place(args.text)
        if found is not None:
            found = {k: found[k] for k in ("municipality", "province", "labour_market_region")}
        _print(found, args.json)
    elif args.command == "match":
        _print(knowledge.match(_load_profile(args.profile), limit=args.limit), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
