package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// exitAfterReportedError is the exit code of @pulumi/pulumi's run entry when it has already shown the user
// an actionable message; the engine is then told to bail without printing another one.
const exitAfterReportedError = 32

// host serves the language-runtime protocol for Node.js programs.
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	engineAddress string
	tracing       string
}

func newHost(engineAddress, tracing string) *host {
	return &host{engineAddress: engineAddress, tracing: tracing}
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// Handshake is answered so the engine treats this host like a current one; the engine address it carries is
// the one already given on the command line.
func (h *host) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if h.engineAddress == "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// Run executes the program once, for a preview (dry run), an update, a refresh or a destroy.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	if info == nil {
		return nil, status.Error(codes.InvalidArgument, "the run request carries no program info")
	}
	opts, err := parseOptions(info.GetOptions().AsMap())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the $PATH: " + err.Error()}, nil
	}
	runEntry, err := resolveModule(ctx, nodeBin, "@pulumi/pulumi/cmd/run", info.GetProgramDirectory())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	env, err := runEnv(req, opts)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := append(append([]string{}, opts.nodeArgs...), runEntry)
	args = append(args, h.runArgs(req)...)
	cmd := exec.CommandContext(ctx, nodeBin, args...)
	cmd.Dir = info.GetProgramDirectory()
	cmd.Env = env
	// Node may switch its stdio to non-blocking mode; wrapping keeps it off the host's own file descriptors.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	interruptOnCancel(cmd)

	return runResponse(cmd.Run()), nil
}

// runArgs is the command line of @pulumi/pulumi/cmd/run after its own path: flags, entry point, then the
// program's arguments.
func (h *host) runArgs(req *pulumirpc.RunRequest) []string {
	var args []string
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	info := req.GetInfo()
	flag("monitor", req.GetMonitorAddress())
	flag("engine", h.engineAddress)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("root-directory", info.GetRootDirectory())
	flag("stack", req.GetStack())
	flag("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	flag("tracing", h.tracing)

	entry := info.GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

// runEnv is the program's environment: ours, plus the stack config in the two variables the Node.js SDK
// reads, and the TypeScript switches of the project's runtime options.
func runEnv(req *pulumirpc.RunRequest, opts runtimeOptions) ([]string, error) {
	config, err := configJSON(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(), "PULUMI_CONFIG="+config, "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	return append(env, opts.env()...), nil
}

// configJSON writes config keys as `namespace:config:name`, the form every @pulumi/pulumi version reads
// (newer ones also read `namespace:name`).
func configJSON(config map[string]string) (string, error) {
	legacy := make(map[string]string, len(config))
	for key, value := range config {
		namespace, name, ok := strings.Cut(key, ":")
		if !ok || namespace == "" || name == "" {
			return "", fmt.Errorf("config key %q is not of the form namespace:name", key)
		}
		legacy[namespace+":config:"+name] = value
	}
	out, err := json.Marshal(legacy)
	return string(out), err
}

// runResponse maps how node ended to what the engine expects: nothing on success, bail when the program
// already reported its error, else a message for the engine to print.
func runResponse(err error) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return &pulumirpc.RunResponse{
			Error: "Problem executing program (could not run language executor): " + err.Error(),
		}
	}
	switch code := exitErr.ExitCode(); code {
	case exitAfterReportedError:
		return &pulumirpc.RunResponse{Bail: true}
	case -1:
		return &pulumirpc.RunResponse{Error: "Program exited unexpectedly: " + exitErr.Error()}
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}
	}
}

// resolveModule finds a module the way the program itself would: with node's resolution from dir.
func resolveModule(ctx context.Context, nodeBin, module, dir string) (string, error) {
	script := "process.stdout.write(require.resolve(process.argv[1], { paths: [process.cwd()] }))"
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script, module)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("could not find %s from %s; it looks like the Pulumi SDK is not installed "+
			"there: run `npm install` (node said: %v)", module, dir, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// interruptOnCancel lets node shut down cleanly when the engine cancels, and kills it if it does not.
func interruptOnCancel(cmd *exec.Cmd) {
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGINT) }
	cmd.WaitDelay = 5 * time.Second
}
