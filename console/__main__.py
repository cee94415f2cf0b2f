"""Console command line: `python -m console create-user NAME --role adviser|admin --password-stdin`,
`python -m console purge --days N`, `python -m console reindex`,
`python -m console export-training [--out FILE] [--test-out FILE] [--every N]`."""

from __future__ import annotations

import argparse
import getpass
import sys

from console.auth import ROLES, UserError, create_user
from console.db import console_engine
from settings.sections import ConsoleSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m console")
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create-user", help="add an adviser or admin account")
    create.add_argument("name")
    create.add_argument("--role", choices=ROLES, required=True)
    create.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input (first line)")
    purge = sub.add_parser("purge", help="delete conversations older than N days")
    purge.add_argument("--days", type=float, default=None,
                       help="default: RETENTION_DAYS (90)")
    sub.add_parser("reindex", help="drop and rebuild the console's derived index")
    learned = sub.add_parser("export-training",
                             help="approved corrections from the learning inbox as Rasa NLU data")
    learned.add_argument("--out", default=None, help="default: bot/data/nlu_learned.yml")
    learned.add_argument("--test-out", default=None,
                         help="held-out examples, default: tests/bot/nlu_learned_test.yml")
    learned.add_argument("--every", type=int, default=5,
                         help="every N-th example goes to the test file (0: none)")
    args = parser.parse_args(argv)
    settings = ConsoleSettings.from_env()

    if args.command == "create-user":
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = getpass.getpass("Wachtwoord: ")
        engine = console_engine(settings.database_url)
        assert engine is not None
        try:
            user = create_user(engine, args.name, password, args.role)
        except UserError as error:
            print(f"fout: {error}", file=sys.stderr)
            return 1
        print(f"gebruiker {user.username} aangemaakt met rol {user.role}")
        return 0

    if args.command == "export-training":
        return _export_training(settings, args.out, args.test_out, args.every)

    from conversation_store import open_store

    store = open_store(settings.tracker_store_url)
    if args.command == "purge":
        from console import audit
        from console.erasure import remember_database
        from privacy.retention import run_once

        days = args.days if args.days is not None else settings.retention_days
        remember_database(settings.database_url)
        report = run_once(days, store)
        deleted = report.events_deleted
        engine = console_engine(settings.database_url)
        assert engine is not None
        audit.record(engine, None, "retention", detail=f"{deleted} rows, {days:g} days")
        print(f"{deleted} regels verwijderd (berichten ouder dan {days:g} dagen)")
        return 0
    if args.command == "reindex":
        from console.index import ConversationIndex

        engine = console_engine(settings.database_url)
        assert engine is not None
        rows = ConversationIndex(engine, store, settings.low_confidence).rebuild()
        print(f"index opnieuw opgebouwd uit {rows} regels")
        return 0
    return 2


def _export_training(settings: ConsoleSettings, out: str | None, test_out: str | None,
                     every: int) -> int:
    from pathlib import Path

    from console import audit
    from console.learn import LearnInbox
    from console.learn_export import DEFAULT_OUT, DEFAULT_TEST_OUT, write
    from conversation_store import open_store

    engine = console_engine(settings.database_url)
    assert engine is not None
    inbox = LearnInbox(engine, open_store(settings.tracker_store_url), settings.low_confidence)
    out_path, test_path = Path(out or DEFAULT_OUT), Path(test_out or DEFAULT_TEST_OUT)
    report = write(inbox.approved(), out_path, test_path, every)
    audit.record(engine, None, "export_training",
                 detail=f"{report.written} train, {report.held_out} test")
    print(f"{_examples(report.written)} geschreven naar {out_path}")
    print(f"{_examples(report.held_out)} apart gezet voor de test in {test_path}")
    for reason, count in sorted(report.dropped.items()):
        print(f"{count} overgeslagen: {reason}")
    return 0


def _examples(count: int) -> str:
    return f"{count} voorbeeld" if count == 1 else f"{count} voorbeelden"


if __name__ == "__main__":
    sys.exit(main())
