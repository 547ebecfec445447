"""Expand a SAM template the way `sam build` and CloudFormation's
AWS::Serverless transform do, with the translator cfn-lint ships
(aws-sam-translator), and print the resulting CloudFormation template as JSON.

Usage: python3 infra/sam/expand.py < template.yaml > expanded.json
"""
import json
import sys

try:
    from cfnlint.decode.decode import decode_str
    from cfnlint.template.transforms._sam import Transform
except ImportError as e:  # the Go test turns this into a message saying what to install
    sys.stderr.write("cfn-lint is not installed (pip install cfn-lint, which brings aws-sam-translator): %s\n" % e)
    sys.exit(3)

template, matches = decode_str(sys.stdin.read())
if matches:
    sys.stderr.write("\n".join(str(m) for m in matches) + "\n")
    sys.exit(1)
transform = Transform("template.yaml", template, "us-east-1")
matches = transform.transform_template()
if matches:
    sys.stderr.write("\n".join(str(m) for m in matches) + "\n")
    sys.exit(1)
json.dump(transform.template(), sys.stdout, default=str, sort_keys=True)
