#!/usr/bin/env python3
"""Regenerates data/service-linked-roles.json, the services whose service-linked roles
CreateServiceLinkedRole makes (docs/api.md, "Service-linked roles", says what reads it).

Input: a git mirror of github.com/localstack/localstack (its IAM tests create these roles on AWS
and record AWS's answers; the table below comes from those recordings). Only AWS facts are read
from it: each service principal, the role name AWS gives its role, the AWS managed policy AWS
attaches, and whether AWS accepts a CustomSuffix. Nothing is downloaded here.

Usage: python3 scripts/service-linked-roles.py --mirror DIR [--commit SHA]
"""
import argparse
import ast
import json
import pathlib
import subprocess

SOURCE = "localstack-core/localstack/services/iam/resources/service_linked_roles.py"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mirror", required=True, help="a git directory of localstack/localstack")
    parser.add_argument("--commit", default="HEAD")
    args = parser.parse_args()

    def git(*command):
        return subprocess.run(["git", "-C", args.mirror, *command], check=True, capture_output=True, text=True).stdout

    commit = git("rev-parse", args.commit).strip()
    text = git("show", f"{commit}:{SOURCE}")
    module = ast.parse(text)
    table = next(node.value for node in module.body if isinstance(node, ast.Assign) and node.targets[0].id == "SERVICE_LINKED_ROLES")
    roles = ast.literal_eval(table)

    services = []
    for principal in sorted(roles):
        role = roles[principal]
        if role["service"] != principal or len(role["attached_policies"]) > 1:
            raise SystemExit(f"unexpected entry for {principal}: {role}")
        services.append({
            "service": principal,
            "roleName": role["role_name"],
            "policyArn": role["attached_policies"][0] if role["attached_policies"] else None,
            "suffixAllowed": bool(role["suffix_allowed"]),
        })

    output = pathlib.Path(__file__).resolve().parent.parent / "data" / "service-linked-roles.json"
    document = {
        "generator": "scripts/service-linked-roles.py",
        "source": {"repository": "localstack/localstack", "commit": commit, "path": SOURCE},
        "services": services,
    }
    output.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"{output}: {len(services)} services from {commit}")


if __name__ == "__main__":
    main()
