"""Triage figures on the held-out messages, from `rasa test nlu --successes` output.

Emergency recall, false alarms on non-emergency messages and topic accuracy, with the
targets of issue 6. Writes a JSON report and exits 1 when a target is missed, unless
--sans-objectifs: `make bot-test` gates on what the product does (the lexicon, the model and
the rules: mesures/evaluation.py --objectifs, issue 16); the model alone is
reported here.
Run with the bot venv: .venv/bin/python scripts/heldout_metrics.py
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

MIN_RECALL = 0.98
MAX_FALSE_ALARMS = 0.05
MIN_TOPIC_ACCURACY = 0.85

# Intent → triage topic, as in POST /api/v1/triage (DESIGN.md).
TOPIC_OF_INTENT = {
    "courrier": "courrier",
    "code_courrier": "courrier",
    "prendre_rendez_vous": "rendez_vous",
    "annuler_rendez_vous": "rendez_vous",
    "trouver_lieu": "rendez_vous",
    "demander_humain": "humain",
    "out_of_scope": "autre",
    "nlu_fallback": "autre",
}
# Small talk has no topic: left out of topic accuracy (still in recall and false alarms).
SMALL_TALK = {"greet", "thank", "goodbye", "bot_challenge", "affirm", "deny"}


def is_urgence(intent: str) -> bool:
    return intent.startswith("urgence_")


def topic(intent: str) -> str:
    if is_urgence(intent):
        return "urgence"
    return TOPIC_OF_INTENT.get(intent, intent)


def load_predictions(results: Path) -> list[dict[str, str]]:
    rows = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = results / name
        if path.exists():
            for item in json.loads(path.read_text(encoding="utf-8")):
                prediction = item.get("intent_prediction") or {}
                rows.append(
                    {
                        "text": item["text"],
                        "expected": item["intent"],
                        "predicted": prediction.get("name") or "nlu_fallback",
                        "confidence": round(float(prediction.get("confidence") or 0.0), 4),
                    }
                )
    return rows


def ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def fallback_threshold(config: Path) -> float | None:
    """FallbackClassifier threshold: rasa test nlu undoes the fallback, the bot does not."""
    import yaml  # in the bot venv (rasa depends on it)

    for component in yaml.safe_load(config.read_text(encoding="utf-8")).get("pipeline", []):
        if component.get("name") == "FallbackClassifier":
            return float(component.get("threshold", 0.3))
    return None


def compute(rows: list[dict], threshold: float | None = None) -> dict[str, object]:
    urgent = [r for r in rows if is_urgence(r["expected"])]
    calm = [r for r in rows if not is_urgence(r["expected"])]
    topical = [r for r in rows if r["expected"] not in SMALL_TALK]
    missed = [r for r in urgent if not is_urgence(r["predicted"])]
    false_alarms = [r for r in calm if is_urgence(r["predicted"])]
    wrong_topic = [r for r in topical if topic(r["predicted"]) != topic(r["expected"])]
    return {
        "messages": len(rows),
        "urgences": len(urgent),
        "non_urgences": len(calm),
        "emergency_recall": ratio(len(urgent) - len(missed), len(urgent)),
        "emergency_type_accuracy": ratio(
            sum(r["predicted"] == r["expected"] for r in urgent), len(urgent)
        ),
        "false_alarm_rate": ratio(len(false_alarms), len(calm)),
        "topic_accuracy": ratio(len(topical) - len(wrong_topic), len(topical)),
        "intent_accuracy": ratio(sum(r["predicted"] == r["expected"] for r in rows), len(rows)),
        # Urgences the live bot would answer with action_secours (the portal's lexicon)
        # instead of the numbers straight away, because the model was unsure.
        "fallback_threshold": threshold,
        "urgences_below_fallback": sum(
            1 for r in urgent if threshold is not None and r["confidence"] < threshold
        ),
        "targets": {
            "emergency_recall_min": MIN_RECALL,
            "false_alarm_rate_max": MAX_FALSE_ALARMS,
            "topic_accuracy_min": MIN_TOPIC_ACCURACY,
        },
        "missed_emergencies": missed,
        "false_alarms": false_alarms,
        "wrong_topics": wrong_topic,
    }


def failures(report: dict[str, object]) -> list[str]:
    found = []
    if report["emergency_recall"] < MIN_RECALL:
        found.append(f"rappel des urgences {report['emergency_recall']:.1%} < {MIN_RECALL:.0%}")
    if report["false_alarm_rate"] > MAX_FALSE_ALARMS:
        found.append(f"fausses alertes {report['false_alarm_rate']:.1%} > {MAX_FALSE_ALARMS:.0%}")
    if report["topic_accuracy"] < MIN_TOPIC_ACCURACY:
        found.append(f"sujets justes {report['topic_accuracy']:.1%} < {MIN_TOPIC_ACCURACY:.0%}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=Path("results/heldout"))
    parser.add_argument("--out", type=Path, default=Path("reports/heldout_metrics.json"))
    parser.add_argument("--config", type=Path, default=Path("config.yml"))
    parser.add_argument("--sans-objectifs", action="store_true",
                        help="report a missed target without failing")
    args = parser.parse_args(argv)

    rows = load_predictions(args.results)
    if not rows:
        print(f"Aucun résultat dans {args.results} : lancez d'abord rasa test nlu --successes.")
        return 1
    threshold = fallback_threshold(args.config) if args.config.exists() else None
    report = compute(rows, threshold)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    print(
        f"held-out : {report['messages']} messages ({report['urgences']} urgences) ; "
        f"rappel urgences {report['emergency_recall']:.1%}, "
        f"fausses alertes {report['false_alarm_rate']:.1%}, "
        f"sujets justes {report['topic_accuracy']:.1%}, "
        f"intentions justes {report['intent_accuracy']:.1%}, "
        f"urgences sous le seuil de repli {report['urgences_below_fallback']}"
    )
    for row in report["missed_emergencies"]:
        print(f"  urgence manquée : {row['text']!r} → {row['predicted']}")
    for row in report["false_alarms"]:
        print(f"  fausse alerte : {row['text']!r} → {row['predicted']}")
    problems = failures(report)
    for problem in problems:
        print(f"ÉCHEC : {problem}")
    return 1 if problems and not args.sans_objectifs else 0


if __name__ == "__main__":
    sys.exit(main())
