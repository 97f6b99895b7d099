"""The connector as connector:bundle describes it in connector_model.json, generated from connector.yaml."""
import json
import os

MODEL_FILE = "connector_model.json"


class Field:
    """A configuration field: name, type (string, identifier, integer, boolean, url, cron, secret, object, choice);
    a choice field lists its allowed values in choices."""

    def __init__(self, data):
        self.name = data["name"]
        self.type = data["type"]
        self.required = bool(data.get("required", False))
        self.default = data.get("default")
        self.description = data.get("description") or ""
        self.label = data.get("label") or self.name
        self.reference = data.get("reference")
        self.choices = [str(choice) for choice in data.get("choices") or []]

    @property
    def secret(self):
        return self.type == "secret"


class ConnectorModel:
    """What the pages show about this connector; read once per run."""

    def __init__(self, data):
        self.data = data
        app = data["app"]
        self.name = app["name"]
        self.label = app.get("label") or self.name
        self.version = app.get("version") or ""
        self.manifest_version = int(data.get("manifestVersion", 2))
        self.prerequisites = list(data.get("prerequisites", []))
        self.standard_fields = [Field(field) for field in data.get("standardFields", [])]
        self.connector_fields = [Field(field) for field in data.get("connectorFields", [])]
        self.connection_fields = [Field(field) for field in data.get("connectionFields", [])]
        self.references = list(data.get("references", []))
        self.privileges = list(data.get("privileges", []))
        self.procedures = {procedure["name"]: procedure for procedure in data.get("procedures", [])}
        resource = data.get("resource", {})
        self.ingestion_strategies = list(resource.get("ingestionStrategies", ["INCREMENTAL", "SNAPSHOT"]))
        self.schedule_types = list(resource.get("scheduleTypes", ["INTERVAL", "CRON", "GLOBAL"]))

    @staticmethod
    def load(folder):
        path = os.path.join(folder, MODEL_FILE)
        with open(path, encoding="utf-8") as file:
            return ConnectorModel(json.load(file))
