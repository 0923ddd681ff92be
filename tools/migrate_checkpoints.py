"""One-off migration of checkpoint files written before the domain-model refactor (format 1, December 2026).

What changed: the model classes moved into packages by method family (rrm.model.uwmmse, rrm.model.gnn,
rrm.model.baseline), and a recipe's settings are now derived by rrm.optim.Recipe: `train.source` is `train.data`
(for the MLP it names the labels too), clipping is recorded for every recipe as its shortest decimal (`5`, `0`),
and a UWMMSE configuration records its Ψ network (`psi`) even when it is the default GCN. Parameters and results
are untouched. Run from the project root: python3 tools/migrate_checkpoints.py data/checkpoints/002/*.ckpt
"""
import sys

CLASSES = {
    "rrm.model.Uwmmse": "rrm.model.uwmmse.Uwmmse",
    "rrm.model.Regnn": "rrm.model.gnn.Regnn",
    "rrm.model.Igcnet": "rrm.model.gnn.Igcnet",
    "rrm.model.SupervisedMlp": "rrm.model.baseline.SupervisedMlp",
}


def migrate(text):
    lines = text.split("\n")
    settings = {l[len("setting "):].split("=", 1)[0]: l for l in lines if l.startswith("setting ")}
    recipe = settings.get("train.recipe", "").split("=", 1)[-1]
    out = []
    for l in lines:
        if l.startswith("model ") and l[6:] in CLASSES:
            l = "model " + CLASSES[l[6:]]
        elif l.startswith("setting train.source="):
            source = l.split("=", 1)[1]
            if recipe == "mlp":
                labels = settings["train.labels"].split("=", 1)[1]  # WMMSE-100 powers of N samples, last f held out
                head, tail = labels.split(" samples, ")
                l = "setting train.data=" + head + " samples of " + source + ", " + tail
            else:
                l = "setting train.data=" + source
        elif l.startswith("setting train.labels="):
            continue
        elif l.startswith("setting train.clip_norm="):
            v = float(l.split("=", 1)[1])
            l = "setting train.clip_norm=" + ("%g" % v)
        out.append(l)
        if l.startswith("setting train.model.weight_update=") and "train.model.psi" not in settings:
            out.append("setting train.model.psi=GCN")
    if recipe == "mlp" and "train.clip_norm" not in settings:
        i = max(k for k, l in enumerate(out) if l.startswith("setting train."))
        out.insert(i + 1, "setting train.clip_norm=0")
    return "\n".join(out)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        new = migrate(text)
        if new != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
            print("migrated", path)
