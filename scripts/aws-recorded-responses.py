#!/usr/bin/env python3
"""Writes tests/LocalIam.E2E.Tests/Data/aws-recorded-responses.json: AWS's recorded IAM and STS
answers, as member trees, for RecordedResponseTests to hold LocalIam's answers to.

Input: a git mirror of github.com/localstack/localstack, whose tests call AWS through boto3 and
record each answer in a snapshot file (tests/aws/services/{iam,sts}/test_*.snapshot.json), with
the values that vary replaced by placeholders (`<role-name:1>`, `<datetime>`). Only AWS facts are
read: which call answered (from the test that recorded it), the member names, list lengths, the
values that do not vary, error codes, statuses and messages. Placeholders become patterns.

Also a git mirror of github.com/boto/botocore: each recorded member and enumeration value is
checked against the service model. Where the recording and the model disagree, the model wins and
the case is written down (`documented`); the test then holds LocalIam to the model.

What a recording shows that LocalIam cannot have (state of the recording account) is marked
`unchecked`, with the reason in `notes`; what is not an answer at all is listed in `leftOut`.
Nothing is downloaded here.

Usage: python3 scripts/aws-recorded-responses.py --localstack DIR --botocore DIR [--commit SHA]
"""
import argparse
import ast
import json
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "LocalIam.E2E.Tests" / "Data" / "aws-recorded-responses.json"
RECORDINGS = [
    ("tests/aws/services/iam/test_iam.snapshot.json", "tests/aws/services/iam/test_iam.py"),
    ("tests/aws/services/sts/test_sts.snapshot.json", "tests/aws/services/sts/test_sts.py"),
]
MODELS = {"iam": "botocore/data/iam/2010-05-08/service-2.json", "sts": "botocore/data/sts/2011-06-15/service-2.json"}

# The tests' fixtures that call AWS for them (tests/aws/conftest.py and the test classes).
FIXTURES = {
    "create_role": ("iam", "create_role"),
    "create_user": ("iam", "create_user"),
    "create_policy": ("iam", "create_policy"),
    "create_service_specific_credential": ("iam", "create_service_specific_credential"),
    "create_service_linked_role": ("iam", "create_service_linked_role"),
}

NAME = r"[\w+=,.@-]+"
PATH = r"/(?:[\w+=,.@-]+/)*"
# What each placeholder stands for. The same placeholder in one test is one value throughout,
# but for those in UNBOUND.
PLACEHOLDERS = {
    "account": r"\d{12}",
    "partition": r"aws(?:-cn|-us-gov|-iso|-iso-b)?",
    "region": r"[a-z]{2}(?:-[a-z]+)+-\d+",
    "datetime": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})",
    "uuid": r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    "path": PATH,
    "path-prefix": NAME,
    "suffix": NAME,
    "resource": NAME,
    "role-name": NAME,
    "user-name": NAME,
    "group-name": NAME,
    "policy-name": NAME,
    "role-session-name": NAME,
    # IAM's unique identifiers: 21 characters after a prefix per kind (IAM User Guide, "IAM
    # identifiers"); access key ids 20.
    "role-id": r"AROA[A-Z0-9]{17}",
    "user-id": r"AIDA[A-Z0-9]{17}",
    "policy-id": r"ANPA[A-Z0-9]{17}",
    "service-specific-credential-id": r"ACCA[A-Z0-9]{17}",
    "access-key-id": r"ASIA[A-Z0-9]{16}",
    "secret-access-key": r"[A-Za-z0-9/+]{40}",
    "session-token": r"[A-Za-z0-9/+=]+",
    "service-password": r"\S+",
    "source-policy-id": r".+",
}
# Placeholders the recording tests wrote for any value of their kind: two of them need not be equal.
UNBOUND = ["datetime", "uuid"]
RECORDED_ACCOUNT = "111111111111"  # LocalStack's stand-in for the account the tests ran in
PLACEHOLDER = re.compile(r"<([a-z0-9-]+)(?::\d+)?>")

NOTES = {
    "not-an-answer": "The test records the session name it chose (a dictionary it built), not an answer from AWS.",
    "service-made-role": "The role existed before the test ran: the service made it itself, with its own description, "
                         "and used it (the test falls back to an existing role when CreateServiceLinkedRole refuses). "
                         "A role CreateServiceLinkedRole makes has neither; LocalIam records no use by a service.",
    "role-used-by-service": "The service used its role in the recording account (RoleLastUsed carries when and where); "
                            "no AWS service uses LocalIam's roles.",
    "policy-not-in-catalogue": "AWS attaches AmazonLexBotPolicy, which AWS's own ListPolicies output (the source of "
                               "LocalIam's managed policy catalogue) does not carry, so LocalIam cannot attach it.",
    "organization-member": "The API reference says OrganizationsDecisionDetail applies only when the account is part "
                           "of an organization, as the recording account may be; LocalIam's account is stand-alone.",
}

# (test id pattern, snapshot key, path, note): paths whose recorded content depends on the
# recording account. A path is applied only where the recording has it.
UNCHECKED = [
    (r"TestIAMServiceRoles::test_service_role_lifecycle\[.*", "describe-response", "Role.Description", "service-made-role"),
    (r"TestIAMServiceRoles::test_service_role_lifecycle\[.*", "describe-response", "Role.RoleLastUsed.LastUsedDate", "role-used-by-service"),
    (r"TestIAMServiceRoles::test_service_role_lifecycle\[.*", "describe-response", "Role.RoleLastUsed.Region", "role-used-by-service"),
    (r"TestIAMServiceRoles::test_service_role_lifecycle\[lex\.amazonaws\.com\]", "attached-role-policies", "AttachedPolicies", "policy-not-in-catalogue"),
    (r"TestIAMIntegrations::test_simulate_principle_policy\[.*", "response", "EvaluationResults[*].OrganizationsDecisionDetail", "organization-member"),
]
LEFT_OUT = {("TestSTSIntegrations::test_assume_role", "role-session-name"): "not-an-answer"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--localstack", required=True, help="a git directory of localstack/localstack")
    parser.add_argument("--botocore", required=True, help="a git directory of boto/botocore")
    parser.add_argument("--commit", default="HEAD", help="the localstack commit to read")
    args = parser.parse_args()

    localstack_commit = git(args.localstack, "rev-parse", args.commit).strip()
    botocore_commit = git(args.botocore, "rev-parse", "HEAD").strip()
    models = {s: json.loads(git(args.botocore, "show", f"{botocore_commit}:{p}")) for s, p in MODELS.items()}
    operations = {s: {snake(op): op for op in m["operations"]} for s, m in models.items()}

    recordings, left_out = [], []
    for snapshot_file, test_file in RECORDINGS:
        snapshots = json.loads(git(args.localstack, "show", f"{localstack_commit}:{snapshot_file}"))
        calls = CallFinder(git(args.localstack, "show", f"{localstack_commit}:{test_file}"))
        for full_id, snapshot in snapshots.items():
            test = full_id.split("::", 1)[1]
            answers = []
            for key, recorded in snapshot["recorded-content"].items():
                if (test, key) in LEFT_OUT:
                    left_out.append({"file": snapshot_file, "test": test, "key": key, "note": LEFT_OUT[(test, key)]})
                    continue
                service, method = calls.operation(test.split("[")[0], key)
                operation = operations[service].get(method) or fail(f"{test} {key}: {service}.{method} is not in the model")
                answers.append(answer(key, f"{service}:{operation}", recorded, test, models[service]))
            recordings.append({"file": snapshot_file, "test": test, "recorded": snapshot["recorded-date"], "answers": answers})

    document = {
        "generator": "scripts/aws-recorded-responses.py",
        "source": {"repository": "localstack/localstack", "commit": localstack_commit, "files": [f for pair in RECORDINGS for f in pair]},
        "model": {"repository": "boto/botocore", "commit": botocore_commit, "files": list(MODELS.values())},
        "placeholders": PLACEHOLDERS,
        "unbound": UNBOUND,
        "notes": NOTES,
        "leftOut": left_out,
        "recordings": recordings,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(render(document), encoding="utf-8")
    count = sum(len(r["answers"]) for r in recordings)
    print(f"{OUTPUT.relative_to(ROOT)}: {count} answers of {len(recordings)} tests from localstack {localstack_commit[:8]}")


def answer(key, operation, recorded, test, model):
    metadata = recorded.get("ResponseMetadata") or fail(f"{test} {key}: no ResponseMetadata")
    body = {k: anonymised(v) for k, v in recorded.items() if k != "ResponseMetadata"}
    result = {"key": key, "operation": operation, "status": metadata["HTTPStatusCode"]}
    if "Error" in body:
        result["error"] = body["Error"]
        return result
    result["shape"] = body
    unchecked = {path: note for pattern, k, path, note in UNCHECKED
                 if k == key and re.fullmatch(pattern, test) and present(body, path.split("."))}
    if unchecked:
        result["unchecked"] = unchecked
    output = model["operations"][operation.split(":")[1]].get("output")
    documented = {}
    if output:
        against_model(body, output["shape"], model, "", documented, test, key)
    if documented:
        result["documented"] = documented
    return result


def anonymised(value):
    """The recorded value with the recording account written as the `<account>` placeholder."""
    if isinstance(value, dict):
        return {k: anonymised(v) for k, v in value.items()}
    if isinstance(value, list):
        return [anonymised(v) for v in value]
    if isinstance(value, str):
        value = value.replace(RECORDED_ACCOUNT, "<account>")
        for kind in PLACEHOLDER.findall(value):
            if kind not in PLACEHOLDERS:
                fail(f"unknown placeholder <{kind}> in {value!r}: say what it stands for in PLACEHOLDERS")
    return value


def present(tree, steps):
    if not steps:
        return True
    step, rest = steps[0], steps[1:]
    name, _, index = step.partition("[")
    if not isinstance(tree, dict) or name not in tree:
        return False
    value = tree[name]
    if index:
        return isinstance(value, list) and any(present(v, rest) for v in value)
    return present(value, rest)


def against_model(value, shape_name, model, path, documented, test, key):
    """Records where the recorded VALUE disagrees with the model's SHAPE: an unknown member or enum value."""
    shape = model["shapes"][shape_name]
    kind = shape["type"]
    if kind == "structure" and isinstance(value, dict):
        for name, member in value.items():
            where = f"{path}.{name}" if path else name
            if name not in shape["members"]:
                fail(f"{test} {key}: {where} is not in the model; decide what the documentation says and write it down")
            against_model(member, shape["members"][name]["shape"], model, where, documented, test, key)
    elif kind == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            against_model(item, shape["member"]["shape"], model, f"{path}[{i}]", documented, test, key)
    elif kind == "map" and isinstance(value, dict):
        for name, item in value.items():
            against_model(item, shape["value"]["shape"], model, f"{path}.{name}", documented, test, key)
    elif "enum" in shape and isinstance(value, str) and not PLACEHOLDER.search(value) and value not in shape["enum"]:
        documented[path] = {"recorded": value, "model": {"shape": shape_name, "enum": shape["enum"]}}


class CallFinder:
    """Which boto3 call made each snapshot: read from the test's source, statement by statement."""

    def __init__(self, source):
        self.tests = {}
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name.startswith("test_"):
                        self.tests[f"{node.name}::{item.name}"] = item

    def operation(self, test, key):
        function = self.tests.get(test) or fail(f"{test}: not in the test file")
        made = {}  # variable -> (service, method) of the call whose answer it holds
        for statement in statements(function.body):
            if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
                call = self.call(statement.value, function)
                for target in statement.targets:
                    if isinstance(target, ast.Name) and call:
                        made[target.id] = call
            elif isinstance(statement, ast.With):
                raised = [i.optional_vars.id for i in statement.items if is_raises(i)]
                calls = [self.call(c, function) for c in calls_in(statement.body)]
                if raised and any(calls):
                    made[raised[0]] = [c for c in calls if c][-1]
            elif isinstance(statement, ast.Expr) and is_match(statement.value, key):
                recorded = statement.value.args[1]
                name = recorded.id if isinstance(recorded, ast.Name) else None
                if isinstance(recorded, ast.Attribute) and ast.unparse(recorded).endswith(".value.response"):
                    name = ast.unparse(recorded).split(".")[0]
                if name in made:
                    return made[name]
                fail(f"{test} {key}: cannot tell which call made `{ast.unparse(recorded)}`")
        fail(f"{test}: no snapshot.match for {key}")

    def call(self, node, function):
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute) and func.value.attr in MODELS:
            return func.value.attr, func.attr
        if isinstance(func, ast.Name) and func.id in FIXTURES:
            return FIXTURES[func.id]
        if isinstance(func, ast.Name) and func.id == "retry" and isinstance(node.args[0], ast.Name):
            return self.returned(node.args[0].id, function)
        return None

    def returned(self, name, function):
        """The call whose answer the nested function NAME returns."""
        inner = next(n for n in ast.walk(function) if isinstance(n, ast.FunctionDef) and n.name == name)
        made = {}
        for statement in statements(inner.body):
            if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
                made[statement.targets[0].id] = self.call(statement.value, function)
            elif isinstance(statement, ast.Return) and isinstance(statement.value, ast.Name):
                return made.get(statement.value.id)
        return None


def statements(body):
    """Every statement in source order, nested blocks included, nested functions not."""
    for statement in body:
        if isinstance(statement, ast.FunctionDef):
            continue
        yield statement
        for field in ("body", "orelse", "finalbody"):
            if field in statement._fields and not isinstance(statement, ast.With):
                yield from statements(getattr(statement, field))
        for handler in getattr(statement, "handlers", []):
            yield from statements(handler.body)


def calls_in(body):
    return [n for s in body for n in ast.walk(s) if isinstance(n, ast.Call)]


def is_raises(item):
    return ast.unparse(item.context_expr).startswith("pytest.raises") and isinstance(item.optional_vars, ast.Name)


def is_match(node, key):
    return (isinstance(node, ast.Call) and ast.unparse(node.func) == "snapshot.match"
            and isinstance(node.args[0], ast.Constant) and node.args[0].value == key)


def snake(name):
    """boto3's method name for an operation: words split at capitals, a run of capitals kept as one."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def render(document):
    """Indented JSON with each answer on one line: compact, and a refresh diffs answer by answer."""
    recordings = document.pop("recordings")
    head = json.dumps(document, indent=1, ensure_ascii=False)[:-2]
    lines = []
    for r in recordings:
        answers = ",\n".join("   " + json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in r["answers"])
        lines.append(f'  {{"file": {json.dumps(r["file"])}, "test": {json.dumps(r["test"])}, "recorded": {json.dumps(r["recorded"])}, "answers": [\n{answers}\n  ]}}')
    return head + ',\n "recordings": [\n' + ",\n".join(lines) + "\n ]\n}\n"


def git(directory, *command):
    return subprocess.run(["git", "-C", directory, *command], check=True, capture_output=True, text=True).stdout


def fail(message):
    raise SystemExit(message)


if __name__ == "__main__":
    main()
