#!/bin/sh
# Kafka users and ACLs for the analyst streams (production, SASL/SCRAM-SHA-512 listeners).
# Run with the Kafka CLI tools against a broker, as a Kafka super user:
#
#   BOOTSTRAP=kafka1:9092 ADMIN_CONFIG=/etc/kafka/admin.properties \
#     sh deploy/kafka/analyst-acls.sh service '<analyst-streams password>'
#   sh deploy/kafka/analyst-acls.sh analyst wang '<password>'      # one per analyst
#   sh deploy/kafka/analyst-acls.sh revoke wang
#
# What it grants (see deploy/README.md, "Analyst access"):
#   analyst-streams      read the context topics (<context>.events) as group "analyst-streams",
#                        write and create the analyst.* topics, write <topic>.dlq
#   analyst-<name>       read and describe analyst.* topics only, consumer groups prefixed
#                        "analyst-<name>-" only (the CLI's --group and ANALYST_GROUP_PREFIX);
#                        no access to context topics, DLQs or other analysts' groups.
# With KAFKA_TOPIC_PREFIX set, put the prefix in front of the topic names below (TOPIC_PREFIX).
set -eu
BOOTSTRAP="${BOOTSTRAP:-kafka1:9092}"
ADMIN_CONFIG="${ADMIN_CONFIG:-/etc/kafka/admin.properties}"
TOPIC_PREFIX="${TOPIC_PREFIX:-}"
BIN="${KAFKA_BIN:-/opt/kafka/bin}"

scram() { # user password
  "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" \
    --alter --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]" --entity-type users --entity-name "$1"
}
acl() { # kafka-acls arguments
  "$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" "$@"
}

case "${1:-}" in
  service)
    scram analyst-streams "$2"
    for context in membership activities governance enterprise; do
      acl --add --allow-principal User:analyst-streams --operation Read --operation Describe --topic "${TOPIC_PREFIX}${context}.events"
      acl --add --allow-principal User:analyst-streams --operation Write --operation Describe --operation Create --topic "${TOPIC_PREFIX}${context}.events.dlq"
    done
    acl --add --allow-principal User:analyst-streams --operation Write --operation Describe --operation Create \
      --resource-pattern-type prefixed --topic "${TOPIC_PREFIX}analyst."
    acl --add --allow-principal User:analyst-streams --operation Read --group analyst-streams
    ;;
  analyst)
    name="$2"
    scram "analyst-$name" "$3"
    acl --add --allow-principal "User:analyst-$name" --operation Read --operation Describe \
      --resource-pattern-type prefixed --topic "${TOPIC_PREFIX}analyst."
    # Read on a group covers joining, committing and resetting its offsets; Delete lets the CLI
    # remove its throw-away groups (analyst-<name>-tmp-…).
    acl --add --allow-principal "User:analyst-$name" --operation Read --operation Describe --operation Delete \
      --resource-pattern-type prefixed --group "analyst-$name-"
    ;;
  revoke)
    name="$2"
    acl --remove --force --allow-principal "User:analyst-$name" --resource-pattern-type prefixed --topic "${TOPIC_PREFIX}analyst."
    acl --remove --force --allow-principal "User:analyst-$name" --resource-pattern-type prefixed --group "analyst-$name-"
    "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" \
      --alter --delete-config SCRAM-SHA-512 --entity-type users --entity-name "analyst-$name"
    ;;
  *)
    echo "usage: $0 service <password> | analyst <name> <password> | revoke <name>" >&2
    exit 2
    ;;
esac
