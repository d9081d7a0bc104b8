#!/usr/bin/env bash
# Prints a service token for calling the services from a shell (docs/deploy.md, sections 4 and 6): an HS256 JWT
# as io.ccagent.identity.ServiceTokens mints it — iss "cc-agent", sub, tenant, role, iat, exp 5 minutes ahead —
# signed with the deployment's SERVICE_TOKEN_SECRET (base64; the HMAC key is the decoded bytes).
#
#   SERVICE_TOKEN_SECRET=... deploy/tools/mint-service-token.sh SUBJECT TENANT [ROLE]
#
# ROLE is AGENT, SUPERVISOR, OFFICE_MANAGER or SYSTEM (default). Needs bash, openssl, base64 and od.
# deploy/checks' MintServiceTokenScriptTest verifies its tokens with the services' own verifier.
set -euo pipefail

usage="usage: SERVICE_TOKEN_SECRET=... $0 SUBJECT TENANT [AGENT|SUPERVISOR|OFFICE_MANAGER|SYSTEM]"
subject=${1:?$usage}
tenant=${2:?$usage}
role=${3:-SYSTEM}
secret=${SERVICE_TOKEN_SECRET:?set SERVICE_TOKEN_SECRET (the deployment secret). $usage}

# the values go into JSON as they are: allow only what logins, domains and roles consist of
[[ $subject =~ ^[A-Za-z0-9._@+-]+$ ]] || { echo "subject '$subject': letters, digits and ._@+- only" >&2; exit 2; }
[[ $tenant =~ ^[A-Za-z0-9.-]+$ ]] || { echo "tenant '$tenant' is not a domain" >&2; exit 2; }
[[ $role =~ ^(AGENT|SUPERVISOR|OFFICE_MANAGER|SYSTEM)$ ]] || { echo "role '$role' is not one of the roles" >&2; exit 2; }

base64url() {
  base64 | tr -d '=\n' | tr '/+' '_-'
}

key_hex=$(printf %s "$secret" | base64 -d 2>/dev/null | od -An -v -tx1 | tr -d ' \n') \
  || { echo "SERVICE_TOKEN_SECRET is not base64" >&2; exit 2; }
(( ${#key_hex} >= 64 )) || { echo "SERVICE_TOKEN_SECRET must be base64 of at least 32 bytes" >&2; exit 2; }

now=$(date +%s)
header=$(printf '{"alg":"HS256"}' | base64url)
claims=$(printf '{"iss":"cc-agent","sub":"%s","tenant":"%s","role":"%s","iat":%d,"exp":%d}' \
  "$subject" "$tenant" "$role" "$now" $((now + 300)) | base64url)
signature=$(printf %s "$header.$claims" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64url)
printf '%s.%s.%s\n' "$header" "$claims" "$signature"
