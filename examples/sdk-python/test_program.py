"""The example under Pulumi's mocks: the SDK registers each component served by the plugin with its own
type token and inputs (as a remote component, so the engine asks the plugin to construct it)."""

import unittest

import pulumi


class RecordingMocks(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.registrations: dict = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        self.registrations[args.name] = args
        # An output left out is filled from the input of the same name, and a fleet's `apps` output is a
        # map where its input is a list: every resource answers with an empty `apps` (others ignore it).
        return [f"{args.name}-id", {"apps": {}}]

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}


mocks = RecordingMocks()
pulumi.runtime.set_mocks(mocks, project="sdk-python", stack="test", preview=False)

import program  # noqa: E402  (the mocks must be set before the SDK registers anything)


@pulumi.runtime.test
def run_program():
    mocks.registrations.clear()
    program.define()


class ProgramTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        run_program()

    def registration(self, name: str) -> pulumi.runtime.MockResourceArgs:
        self.assertIn(name, mocks.registrations, f"no resource named {name} was registered")
        return mocks.registrations[name]

    def test_integration_registers_the_component_with_its_inputs(self) -> None:
        billing = self.registration("billing")
        self.assertEqual(billing.typ, "heroku-squadcast:index:Integration")
        self.assertFalse(billing.custom)
        self.assertEqual(
            billing.inputs,
            {
                "app": "billing-api",
                "service": {"name": "billing", "team": "Platform"},
                "entities": "resolvable",
                "level": "sync",
            },
        )

    def test_fleet_registers_the_component_with_its_inputs(self) -> None:
        fleet = self.registration("storefront")
        self.assertEqual(fleet.typ, "heroku-squadcast:index:Fleet")
        self.assertFalse(fleet.custom)
        self.assertEqual(
            fleet.inputs,
            {
                "service": {"id": "5f8891527f735f0a6646f3b6"},
                "apps": ["storefront-web", {"app": "storefront-worker", "level": "notify"}],
                "entities": "deploys",
            },
        )


if __name__ == "__main__":
    unittest.main()
