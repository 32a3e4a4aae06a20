"""fazhi precheck_train [--check]: build the pre-check's candidate model (review/precheck/model.json) from the
TRAINING split of the corpus of real provisions and the "main" part of the older authored sentences
(precheck_dataset.json, which gives the model lawful sentences written the way drafts are written). Neither holdout
is read. The threshold is chosen by grouped cross-validation on those items (folds by source publication) together with
the shipped rules. --check rebuilds it in memory and fails if the shipped file differs."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.review.documents import precheck as precheck_files
from fazhi.review.precheck import model as candidate_model
from fazhi.review.rules import precheck as precheck_rules
from fazhi.review.selectors import precheck as precheck_reads

MIN_PRECISION = 0.9


def item_signals(items: list[dict], rules: list[precheck_rules.Rule]) -> list[tuple[bool, list[str]]]:
    """For each provision: whether a non-candidate rule flags it, and its sentences that only a candidate rule matches."""
    direct_rules = [rule for rule in rules if not rule.candidate]
    candidate_rules = [rule for rule in rules if rule.candidate]
    signals = []
    for item in items:
        direct, pending = False, []
        for sentence in precheck_rules.split_sentences(item["text"]):
            if any(rule.find(sentence.text) for rule in direct_rules):
                direct = True
            elif any(rule.find(sentence.text) for rule in candidate_rules):
                pending.append(sentence.text)
        signals.append((direct, pending))
    return signals


def choose_threshold(items: list[dict], signals, folds: int = candidate_model.FOLDS) -> tuple[float, dict]:
    """The threshold that maximises F1 on the out-of-fold scores, among those keeping precision ≥ 0.9."""
    best_scores = []
    for fold in range(folds):
        model = candidate_model.train(
            item for item in items if candidate_model.fold_of(item["source_title"], folds) != fold
        )
        for index, item in enumerate(items):
            if candidate_model.fold_of(item["source_title"], folds) == fold:
                pending = signals[index][1]
                best = max((candidate_model.score(model, text) for text in pending), default=None)
                best_scores.append((index, best))
    best_by_item = dict(best_scores)
    expected = [item["label"] != "lawful" for item in items]
    thresholds = sorted({value for value in best_by_item.values() if value is not None})
    candidates = [float("inf"), *thresholds]

    def measure(threshold: float) -> dict:
        tp = fp = fn = 0
        for index, unlawful in enumerate(expected):
            best = best_by_item[index]
            flagged = signals[index][0] or (best is not None and best >= threshold)
            tp += flagged and unlawful
            fp += flagged and not unlawful
            fn += unlawful and not flagged
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": f1,
        }

    chosen, chosen_measure = float("inf"), measure(float("inf"))
    for threshold in candidates:
        result = measure(threshold)
        if result["precision"] >= MIN_PRECISION and result["f1"] > chosen_measure["f1"]:
            chosen, chosen_measure = threshold, result
    chosen_measure["f1"] = round(chosen_measure["f1"], 4)
    return chosen, {"without_model": measure(float("inf")) | {"f1": None}, "with_model": chosen_measure}


def training_items() -> list[dict]:
    """The corpus's training split, and the authored sentences of the "main" part (each its own source)."""
    try:
        items = precheck_reads.load_corpus("train")
        authored = precheck_reads.load_dataset()
    except precheck_files.PrecheckFileError as exc:
        raise CommandError(str(exc)) from exc
    for item in authored:
        if item.get("split") == "main":
            label = item["labels"][0] if item["labels"] else "lawful"
            items.append({"text": item["text"], "label": label, "source_title": f"authored:{item['id']}"})
    return items


def build() -> dict:
    items = training_items()
    rules = precheck_rules.shipped_rules()
    signals = item_signals(items, rules)
    threshold, cross_validation = choose_threshold(items, signals)
    model = candidate_model.train(items)
    model["threshold"] = round(threshold, 3) if threshold != float("inf") else 1e9
    model["trained_on"] = {
        "file": "precheck_corpus/train.jsonl",
        "sha256": candidate_model.file_digest(precheck_reads.CORPUS_DIR / "train.jsonl"),
        "authored": "precheck_dataset.json (split main)",
        "authored_sha256": candidate_model.file_digest(precheck_rules.DATASET_FILE),
        "provisions": len(items),
        "rules_sha256": candidate_model.file_digest(precheck_rules.RULES_FILE),
    }
    model["cross_validation"] = {
        "folds": candidate_model.FOLDS,
        "min_precision": MIN_PRECISION,
        **cross_validation,
    }
    return model


class Command(BaseCommand):
    help = "用语料的训练集（不读留出集）训练预审候选模型（字符 n 元朴素贝叶斯），按来源分组交叉验证确定阈值，写入 model.json。"

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="只检查：重新训练并与已有的 model.json 比较")

    def handle(self, *args, check, **options):
        text = candidate_model.dumps(build())
        path = candidate_model.MODEL_FILE
        if check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                raise CommandError(
                    "model.json 与训练集和规则重新训练的结果不一致，请运行 fazhi precheck_train。"
                )
            self.stdout.write("model.json 与重新训练的结果一致。")
            return
        path.write_text(text, encoding="utf-8")
        candidate_model.load.cache_clear()
        model = candidate_model.load()
        cv = model["cross_validation"]
        self.stdout.write(
            f"已写入 {path.name}：{len(model['weights'])}个 n 元，阈值 {model['threshold']}；"
            f"交叉验证 不用模型 {cv['without_model']['precision']:.1%}/{cv['without_model']['recall']:.1%}，"
            f"用模型 {cv['with_model']['precision']:.1%}/{cv['with_model']['recall']:.1%}（精确率/召回率）"
        )
