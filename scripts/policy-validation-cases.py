#!/usr/bin/env python3
"""Regenerates tests/LocalIam.Policy.Tests/Validation/Data/aws-recorded-policy-validation.json.

The cases are AWS's answers to CreatePolicy for documents that moto's maintainers checked against
AWS (tests/test_iam/test_iam_policies.py in github.com/getmoto/moto): each document as the client
sent it (Python's json.dumps) and, for the refused ones, AWS's MalformedPolicyDocument message.
Only the facts (documents and AWS's messages) are kept; the test that reads them is LocalIam's.

Usage: scripts/policy-validation-cases.py MOTO_GIT_DIR [COMMIT]
"""
import json
import subprocess
import sys

PATH = "tests/test_iam/test_iam_policies.py"
OUT = "tests/LocalIam.Policy.Tests/Validation/Data/aws-recorded-policy-validation.json"


def main() -> None:
    git_dir = sys.argv[1]
    commit = sys.argv[2] if len(sys.argv) > 2 else "HEAD"
    sha = subprocess.check_output(["git", "-C", git_dir, "rev-parse", commit], text=True).strip()
    source = subprocess.check_output(["git", "-C", git_dir, "show", f"{sha}:{PATH}"], text=True)
    start = source.index("invalid_policy_document_test_cases = [")
    end = source.index("\n@", source.index("valid_policy_documents = ["))
    tables: dict = {}
    exec(source[start:end], {"json": json}, tables)  # the two tables are plain literals
    cases = {
        "source": f"github.com/getmoto/moto {PATH} at {sha}: documents checked against AWS's CreatePolicy",
        "refused": [
            {"document": json.dumps(case["document"]), "message": case["error_message"]}
            for case in tables["invalid_policy_document_test_cases"]
        ],
        "accepted": [json.dumps(document) for document in tables["valid_policy_documents"]],
    }
    with open(OUT, "w", encoding="utf-8") as out:
        json.dump(cases, out, indent=1, ensure_ascii=False)
        out.write("\n")
    print(f"{OUT}: {len(cases['refused'])} refused, {len(cases['accepted'])} accepted")


if __name__ == "__main__":
    main()
