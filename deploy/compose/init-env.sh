#!/usr/bin/env bash
# Writes .env beside docker-compose.yml with generated secrets, once: the MongoDB password, the portal's
# provisioning token and Grafana's admin password. docker compose reads .env by itself and refuses to start
# without these values. Prints the provisioning token, which provisioning requests send as X-Provisioning-Token.
# An existing .env is kept (delete it to generate new secrets; MongoDB keeps the password of its first start).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
env_file="$root/.env"

secret() {
  head -c 24 /dev/urandom | base64 | tr -d '/+=' | cut -c1-32
}

if [[ ! -f "$env_file" ]]; then
  umask 077
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
echo "provisioning token: $(grep '^PROVISIONING_TOKEN=' "$env_file" | cut -d= -f2-)"
