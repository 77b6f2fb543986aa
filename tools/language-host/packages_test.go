package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestResourcePluginsComeFromPackagesThatDeclareOne(t *testing.T) {
	project := t.TempDir()
	write := func(pkg, manifest string) {
		dir := filepath.Join(project, "node_modules", pkg)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(manifest), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("@pulumi/random", `{"name":"@pulumi/random","version":"4.16.0","pulumi":{"resource":true}}`)
	write("@acme/thing", `{"name":"@acme/thing","version":"1.0.0","pulumi":{"resource":true,"server":"https://x"}}`)
	write("pulumi-heroku-squadcast", `{"name":"pulumi-heroku-squadcast","version":"0.1.0"}`)
	write("broken", `{not json`)

	// The program may live below the project root (main: bin/index.js); node_modules is found above it.
	program := filepath.Join(project, "bin")
	if err := os.MkdirAll(program, 0o755); err != nil {
		t.Fatal(err)
	}
	deps, err := resourcePlugins(program)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, dep := range deps {
		got[dep.Name] = dep.Version + " " + dep.Server
	}
	want := map[string]string{"random": "v4.16.0 ", "acme/thing": "v1.0.0 https://x"}
	if len(got) != len(want) || got["random"] != want["random"] || got["acme/thing"] != want["acme/thing"] {
		t.Fatalf("resourcePlugins = %v, want %v", got, want)
	}
}
