package main

import (
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// registration is what the engine would receive for one resource.
type registration struct {
	typeToken string
	remote    bool
	inputs    resource.PropertyMap
}

// recordingMocks records every registration by name. An output left out would be filled from the input
// of the same name, and a fleet's `apps` output is a map where its input is a list: every resource
// answers with an empty `apps` (the others have no such output and ignore it).
type recordingMocks struct {
	mu            sync.Mutex
	registrations map[string]registration
}

func (m *recordingMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.registrations[args.Name] = registration{
		typeToken: args.TypeToken,
		remote:    args.RegisterRPC.GetRemote(),
		inputs:    args.Inputs,
	}
	outputs := resource.PropertyMap{"apps": resource.NewProperty(resource.PropertyMap{})}
	return args.Name + "-id", outputs, nil
}

func (m *recordingMocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

func runProgram(t *testing.T) map[string]registration {
	t.Helper()
	mocks := &recordingMocks{registrations: map[string]registration{}}
	if err := pulumi.RunErr(program, pulumi.WithMocks("sdk-go", "test", mocks)); err != nil {
		t.Fatalf("the program failed under mocks: %v", err)
	}
	return mocks.registrations
}

// The components are served by the plugin, so the SDK registers them as remote components: the engine
// gets the component's own token and inputs and asks the plugin to construct it.
func TestIntegrationRegistersTheRemoteComponentWithItsInputs(t *testing.T) {
	billing, found := runProgram(t)["billing"]
	if !found {
		t.Fatal("no resource named billing was registered")
	}
	if billing.typeToken != "heroku-squadcast:index:Integration" {
		t.Errorf("type token: got %q", billing.typeToken)
	}
	if !billing.remote {
		t.Error("the integration was not registered as a remote component")
	}
	want := resource.NewPropertyMapFromMap(map[string]any{
		"app":      "billing-api",
		"service":  map[string]any{"name": "billing", "team": "Platform"},
		"entities": "resolvable",
		"level":    "sync",
	})
	assertInputs(t, billing.inputs, want)
}

func TestFleetRegistersTheRemoteComponentWithItsInputs(t *testing.T) {
	fleet, found := runProgram(t)["storefront"]
	if !found {
		t.Fatal("no resource named storefront was registered")
	}
	if fleet.typeToken != "heroku-squadcast:index:Fleet" {
		t.Errorf("type token: got %q", fleet.typeToken)
	}
	if !fleet.remote {
		t.Error("the fleet was not registered as a remote component")
	}
	want := resource.NewPropertyMapFromMap(map[string]any{
		"service": map[string]any{"id": "5f8891527f735f0a6646f3b6"},
		"apps": []any{
			"storefront-web",
			map[string]any{"app": "storefront-worker", "level": "notify"},
		},
		"entities": "deploys",
	})
	assertInputs(t, fleet.inputs, want)
}

func assertInputs(t *testing.T, got, want resource.PropertyMap) {
	t.Helper()
	if !got.DeepEquals(want) {
		t.Errorf("inputs:\n got  %v\n want %v", got.Mappable(), want.Mappable())
	}
}
