package main

import (
	"fmt"
	"strings"
)

// runtimeOptions are the `runtime.options` of Pulumi.yaml (or PulumiPolicy.yaml) this host understands.
type runtimeOptions struct {
	// typescript (default true) lets @pulumi/pulumi compile .ts entry points with its own ts-node.
	typescript bool
	// tsconfig is the tsconfig file ts-node uses, relative to the program directory.
	tsconfig string
	// nodeArgs are extra arguments for node, split on whitespace (no shell quoting).
	nodeArgs []string
}

func parseOptions(raw map[string]any) (runtimeOptions, error) {
	opts := runtimeOptions{typescript: true}
	for key, value := range raw {
		switch key {
		case "typescript":
			b, ok := value.(bool)
			if !ok {
				return opts, fmt.Errorf("runtime option typescript must be true or false, not %v", value)
			}
			opts.typescript = b
		case "tsconfig":
			s, ok := value.(string)
			if !ok {
				return opts, fmt.Errorf("runtime option tsconfig must be a file name, not %v", value)
			}
			opts.tsconfig = s
		case "nodeargs":
			s, ok := value.(string)
			if !ok {
				return opts, fmt.Errorf("runtime option nodeargs must be a string, not %v", value)
			}
			opts.nodeArgs = strings.Fields(s)
		case "packagemanager":
			// Only npm is used (by InstallDependencies); the option is accepted so projects that name one load.
		default:
			return opts, fmt.Errorf("runtime option %q is not supported by this language host "+
				"(supported: typescript, tsconfig, nodeargs, packagemanager)", key)
		}
	}
	return opts, nil
}

// env is what @pulumi/pulumi's run entries read to set up ts-node.
func (o runtimeOptions) env() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfig)
	}
	return env
}
