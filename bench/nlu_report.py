"""Prints intent and entity F1 from a `rasa test nlu` output directory."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional


def weighted_f1(report: Path) -> Optional[float]:
    if not report.exists():
        return None
    data = json.loads(report.read_text(encoding="utf-8"))
    avg = data.get("weighted avg") or data.get("micro avg") or {}
    return avg.get("f1-score")


def summary(out_dir: Path) -> str:
    intent = weighted_f1(out_dir / "intent_report.json")
    entity_reports = sorted(out_dir.glob("*Extractor_report.json")) + sorted(
        out_dir.glob("*DIETClassifier_report.json"))
    lines = [f"intent F1 (weighted): {intent:.3f}" if intent is not None else "intent F1: n/a"]
    for report in entity_reports:
        f1 = weighted_f1(report)
        if f1 is not None:
            lines.append(f"entity F1 {report.stem.replace('_report', '')}: {f1:.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary(Path(sys.argv[1] if len(sys.argv) > 1 else "results/nlu")))
