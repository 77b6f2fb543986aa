package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strconv"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// RunPlugin starts a plugin written in Node.js. The engine uses it for `--policy-pack DIR` (kind
// "analyzer"): the pack runs on @pulumi/pulumi's run-policy-pack entry, resolved from the pack's directory.
// Other kinds run on @pulumi/pulumi's run-plugin entry.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	info := req.GetInfo()
	if info == nil {
		return errors.New("the run-plugin request carries no program info")
	}
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	opts, err := parseOptions(info.GetOptions().AsMap())
	if err != nil {
		return err
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	analyzer := req.GetKind() == "analyzer"
	entry := "@pulumi/pulumi/cmd/run-plugin"
	if analyzer {
		entry = "@pulumi/pulumi/cmd/run-policy-pack"
	}
	runEntry, err := resolveModule(ctx, nodeBin, entry, info.GetProgramDirectory())
	if err != nil {
		return err
	}

	args := append(append([]string{}, opts.nodeArgs...), runEntry)
	env := append(append([]string{}, req.GetEnv()...), opts.env()...)
	cmd := exec.CommandContext(ctx, nodeBin)
	interruptOnCancel(cmd)

	var proxy *sdk.PolicyProxy
	if analyzer {
		// run-policy-pack takes the engine's arguments, then the pack's directory, and runs there.
		args = append(append(args, req.GetArgs()...), info.GetProgramDirectory())
		cmd.Dir = info.GetProgramDirectory()
		// Policy packs read the stack's name and config from the environment, which the engine only sends
		// over gRPC (ConfigureStack). The SDK's proxy answers the engine first, then relays to the pack.
		proxy, stdout, err = sdk.NewPolicyProxy(ctx, stdout)
		if err != nil {
			return fmt.Errorf("could not start the policy pack proxy: %w", err)
		}
		stack, err := proxy.AwaitConfiguration(ctx)
		if err != nil {
			return fmt.Errorf("could not get the stack configuration for the policy pack: %w", err)
		}
		stackEnv, err := policyPackEnv(stack)
		if err != nil {
			return err
		}
		env = append(env, stackEnv...)
	} else {
		args = append(append(args, info.GetProgramDirectory()), req.GetArgs()...)
		cmd.Dir = req.GetPwd()
	}
	cmd.Args = append(cmd.Args, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr

	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not start node for the plugin: %w", err)
	}
	if proxy != nil {
		err = proxy.Attach(ctx, cmd) // waits for the pack to exit
	} else {
		err = cmd.Wait()
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return server.Send(&pulumirpc.RunPluginResponse{
			Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(exitErr.ExitCode())},
		})
	}
	if err != nil {
		return err
	}
	return closer.Close()
}

// policyPackEnv is the environment @pulumi/policy reads the stack from, as @pulumi/pulumi's run entry
// would set it for a program.
func policyPackEnv(stack *pulumirpc.AnalyzerStackConfigureRequest) ([]string, error) {
	if stack == nil {
		return nil, nil
	}
	var env []string
	add := func(key, value string) {
		if value != "" {
			env = append(env, key+"="+value)
		}
	}
	add("PULUMI_NODEJS_ORGANIZATION", stack.GetOrganization())
	add("PULUMI_NODEJS_PROJECT", stack.GetProject())
	add("PULUMI_NODEJS_STACK", stack.GetStack())
	add("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(stack.GetDryRun()))
	if stack.GetConfig() != nil {
		config, err := json.Marshal(stack.GetConfig())
		if err != nil {
			return nil, err
		}
		add("PULUMI_CONFIG", string(config))
	}
	return env, nil
}
