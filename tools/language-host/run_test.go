package main

import (
	"os/exec"
	"reflect"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestRunArgsCarryTheEngineRequest(t *testing.T) {
	h := newHost("127.0.0.1:4000", "")
	got := h.runArgs(&pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:5000",
		Organization:   "organization",
		Project:        "fleet",
		Stack:          "dev",
		DryRun:         true,
		Parallel:       16,
		Args:           []string{"extra"},
		Info: &pulumirpc.ProgramInfo{
			RootDirectory:    "/work/fleet",
			ProgramDirectory: "/work/fleet/bin",
			EntryPoint:       "index.js",
		},
	})
	want := []string{
		"--monitor", "127.0.0.1:5000", "--engine", "127.0.0.1:4000", "--organization", "organization",
		"--project", "fleet", "--root-directory", "/work/fleet", "--stack", "dev", "--pwd", "/work/fleet/bin",
		"--dry-run", "--parallel", "16", "index.js", "extra",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("runArgs:\n got %q\nwant %q", got, want)
	}
}

func TestConfigIsWrittenInTheFormEverySDKReads(t *testing.T) {
	got, err := configJSON(map[string]string{"squadcast:serviceKey": "x", "fleet:apps": "[]"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"fleet:config:apps":"[]","squadcast:config:serviceKey":"x"}`
	if got != want {
		t.Fatalf("configJSON = %s, want %s", got, want)
	}
	if _, err := configJSON(map[string]string{"nonamespace": "x"}); err == nil {
		t.Fatal("a key without a namespace must be refused")
	}
}

func TestExitCodesMapToTheEngineResponse(t *testing.T) {
	exitWith := func(code string) error { return exec.Command("sh", "-c", "exit "+code).Run() }

	if r := runResponse(nil); r.Error != "" || r.Bail {
		t.Fatalf("success: %v", r)
	}
	if r := runResponse(exitWith("32")); !r.Bail || r.Error != "" {
		t.Fatalf("exit 32 must bail without a message: %v", r)
	}
	if r := runResponse(exitWith("1")); r.Bail || r.Error != "Program exited with non-zero exit code: 1" {
		t.Fatalf("exit 1: %v", r)
	}
}

func TestRuntimeOptions(t *testing.T) {
	opts, err := parseOptions(map[string]any{"typescript": false, "nodeargs": "--max-old-space-size=512  -r x"})
	if err != nil {
		t.Fatal(err)
	}
	if opts.typescript || !reflect.DeepEqual(opts.nodeArgs, []string{"--max-old-space-size=512", "-r", "x"}) {
		t.Fatalf("options: %+v", opts)
	}
	if env := opts.env(); len(env) != 0 {
		t.Fatalf("typescript off sets no env, got %q", env)
	}
	if _, err := parseOptions(map[string]any{"binary": "bin/index.js"}); err == nil {
		t.Fatal("an unsupported option must be refused, not ignored")
	}
}
