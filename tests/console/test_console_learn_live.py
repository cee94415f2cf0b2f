"""From a real conversation to a training example (issue 25): a person chats over REST with
the live assistant, a message it does not understand reaches the learning inbox masked, an
admin corrects it and the export holds it as valid Rasa NLU data without personal data."""

from __future__ import annotations

from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data

from console.db import console_engine
from console.erasure import remember_database
from console.index import ConversationIndex
from console.learn import LearnInbox, parse_annotation
from console.learn_export import write
from console.learn_vocab import load as load_vocab
from conversation_store import open_store
from tests.conftest import RasaStack

NONSENSE = ("zwrp blorft kniesel", "qx vlimp trodde", "bel 06-12345678 flurp zwabbel")


def test_a_misunderstood_rest_message_becomes_a_clean_training_example(
        rasa_stack: RasaStack, tmp_path: Path) -> None:
    # GIVEN a person who allowed reading and typed words the assistant cannot understand
    sender = rasa_stack.new_sender("learn")
    meta = {"channel": "rest", "consent": "ja", "campaign": "leren-live"}
    rasa_stack.send(sender, "hoi", metadata=meta)
    for text in NONSENSE:
        rasa_stack.send(sender, text, metadata=meta)
    # WHEN the console reads the tracker store
    url = f"sqlite:///{tmp_path / 'console.db'}"
    engine = console_engine(url)
    assert engine is not None
    remember_database(url)
    store = open_store(rasa_stack.tracker_store_url)
    ConversationIndex(engine, store).refresh()
    inbox = LearnInbox(engine, store)
    inbox.refresh()
    groups = inbox.groups(readable_only=True)
    # THEN at least one of the nonsense messages is in the adviser's inbox, contact hidden
    texts = {g["text"]: g for g in groups}
    found = [t for t in texts if any(word in t for word in ("zwrp", "vlimp", "flurp"))]
    assert found, f"no nonsense message in the inbox: {sorted(texts)}"
    assert not any("12345678" in t for t in texts)
    for text in found:
        assert {"fallback", "low_confidence"} & set(texts[text]["signals"])
    # WHEN an admin corrects one as out of scope and the training data is exported
    group = texts[found[0]]
    note = parse_annotation({"intent": "out_of_scope"}, group["text"], group["reading"],
                            load_vocab())
    inbox.annotate(group, note, "beheerder", is_admin=True, approved=True)
    out, test_out = tmp_path / "nlu_learned.yml", tmp_path / "nlu_learned_test.yml"
    report = write(inbox.approved(), out, test_out, every=5)
    # THEN Rasa reads it back with the corrected intent, and no phone number is in it
    examples = load_data(str(out)).training_examples
    assert report.written == 1
    assert [(e.get("intent")) for e in examples] == ["out_of_scope"]
    assert "12345678" not in out.read_text(encoding="utf-8")
