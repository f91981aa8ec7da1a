from analysis.data import load
from analysis.data.sources.semeval2007 import EMOTIONS


def test_trial_headlines_with_valence_and_emotions(require):
    require("semeval2007-affective-trial")
    frame = load("semeval2007-affective-trial")
    assert len(frame) == 250
    assert list(frame.columns) == ["doc_id", "text", "valence", *EMOTIONS]
    # First lines of the xml, .valence.gold ("1 -98") and .emotions.gold ("1 22 2 60 0 64 0").
    first = frame.iloc[0]
    assert first["text"] == "Mortar assault leaves at least 18 dead"
    assert first["valence"] == -98
    assert [first[e] for e in EMOTIONS] == [22, 2, 60, 0, 64, 0]
    assert frame["valence"].between(-100, 100).all()
    assert frame[list(EMOTIONS)].stack().between(0, 100).all()
