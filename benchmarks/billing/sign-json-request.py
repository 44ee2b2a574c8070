#!/usr/bin/python3
"""Writes a wrk Lua script that replays one SigV4-signed Cost Explorer request (AWS JSON 1.1),
signed by botocore (the AWS CLI v2's own signing code, vendored in Debian's awscli as
awscli.botocore). A signature stays valid for 15 minutes, so run wrk right after.

Usage: sign-json-request.py ENDPOINT ACCESS_KEY_ID SECRET TARGET JSON_BODY > request.lua
"""
import sys

import awscli  # noqa: F401  (makes the CLI's vendored botocore importable as `botocore`)
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

endpoint, key, secret, target, body = sys.argv[1:]
request = AWSRequest(method="POST", url=endpoint + "/", data=body,
                     headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target})
SigV4Auth(Credentials(key, secret), "ce", "us-east-1").add_auth(request)
headers = "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in request.headers.items() if k.lower() != "host")
print(f'wrk.method = "POST"\nwrk.body = [[{body}]]\n{headers}')
