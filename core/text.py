"""Small text helpers shared by the apps."""


def before_full_stop(text):
    """`text` ready for a sentence that ends right after it: "Demo S.L." + "." is "S.L.",
    not "S.L.."."""
    text = str(text or "")
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text
