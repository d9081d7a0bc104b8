#!/usr/bin/env bash
# Writes .env beside docker-compose.yml with generated secrets, once: the MongoDB password, the portal's
# provisioning token, Grafana's admin password and the services' token key (SERVICE_TOKEN_SECRET, base64 of 32
# random bytes: the services sign and verify each other's calls with it). docker compose reads .env by itself and
# refuses to start without these values. Prints the provisioning token, which provisioning requests send as
# X-Provisioning-Token.
# An existing .env is kept (delete it to generate new secrets; MongoDB keeps the password of its first start); a
# SERVICE_TOKEN_SECRET missing from it is added.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
env_file="$root/.env"

secret() {
  head -c 24 /dev/urandom | base64 | tr -d '/+=' | cut -c1-32
}

service_token_secret() {
  head -c 32 /dev/urandom | base64 | tr -d '\n'
}

umask 077
if [[ ! -f "$env_file" ]]; then
  cat > "$env_file" <<VARS
MONGO_PASSWORD=$(secret)
PROVISIONING_TOKEN=$(secret)
GRAFANA_ADMIN_PASSWORD=$(secret)
# phones on other machines: publish SIP on this host's LAN address and advertise it (docs/deploy.md)
SIP_PUBLISH_ADDRESS=127.0.0.1
SIP_ADVERTISED_HOST=127.0.0.1
VARS
  echo "wrote $env_file"
fi
if ! grep -q '^SERVICE_TOKEN_SECRET=' "$env_file"; then
  # rotation (docs/deploy.md, section 6): the old value goes to SERVICE_TOKEN_PREVIOUS_SECRET for a while
  [[ -z "$(tail -c 1 "$env_file")" ]] || echo >> "$env_file"
  echo "SERVICE_TOKEN_SECRET=$(service_token_secret)" >> "$env_file"
  echo "added SERVICE_TOKEN_SECRET to $env_file"
fi
echo "provisioning token: $(grep '^PROVISIONING_TOKEN=' "$env_file" | cut -d= -f2-)"
