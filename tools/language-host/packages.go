package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// packageJSON is the part of a package.json this host reads.
type packageJSON struct {
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Pulumi          struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

func readPackageJSON(path string) (packageJSON, error) {
	var pkg packageJSON
	data, err := os.ReadFile(path)
	if err != nil {
		return pkg, err
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		return pkg, fmt.Errorf("%s: %w", path, err)
	}
	return pkg, nil
}

// GetRequiredPackages names the resource plugins the program's packages declare (`"pulumi": {"resource":
// true}` in their package.json), so the engine can check they are installed before the program runs.
func (h *host) GetRequiredPackages(
	_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	deps, err := resourcePlugins(req.GetInfo().GetProgramDirectory())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

// GetRequiredPlugins is the older form of GetRequiredPackages, still called by some engine paths.
func (h *host) GetRequiredPlugins(
	_ context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	deps, err := resourcePlugins(req.GetInfo().GetProgramDirectory())
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(deps))
	for _, dep := range deps {
		plugins = append(plugins, &pulumirpc.PluginDependency{
			Name: dep.Name, Kind: dep.Kind, Version: dep.Version, Server: dep.Server,
		})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// resourcePlugins reads the packages installed directly in the nearest node_modules (including @scope
// folders). Unlike the official host it does not descend into nested node_modules.
func resourcePlugins(programDir string) ([]*pulumirpc.PackageDependency, error) {
	modules := findNodeModules(programDir)
	if modules == "" {
		return nil, nil
	}
	var manifests []string
	for _, pattern := range []string{"*/package.json", "@*/*/package.json"} {
		found, err := filepath.Glob(filepath.Join(modules, pattern))
		if err != nil {
			return nil, err
		}
		manifests = append(manifests, found...)
	}
	sort.Strings(manifests)

	var deps []*pulumirpc.PackageDependency
	for _, manifest := range manifests {
		pkg, err := readPackageJSON(manifest)
		if err != nil || !pkg.Pulumi.Resource {
			continue
		}
		deps = append(deps, &pulumirpc.PackageDependency{
			Name:    pluginName(pkg),
			Kind:    "resource",
			Version: "v" + strings.TrimPrefix(firstNonEmpty(pkg.Pulumi.Version, pkg.Version), "v"),
			Server:  pkg.Pulumi.Server,
		})
	}
	return deps, nil
}

// pluginName follows the npm-to-plugin naming of Pulumi packages: @pulumi/aws is the plugin aws, any other
// scope keeps its name without the @.
func pluginName(pkg packageJSON) string {
	if pkg.Pulumi.Name != "" {
		return pkg.Pulumi.Name
	}
	if name, ok := strings.CutPrefix(pkg.Name, "@pulumi/"); ok {
		return name
	}
	return strings.TrimPrefix(pkg.Name, "@")
}

func findNodeModules(dir string) string {
	for {
		candidate := filepath.Join(dir, "node_modules")
		if stat, err := os.Stat(candidate); err == nil && stat.IsDir() {
			return candidate
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// GetProgramDependencies lists the program's direct npm dependencies at their installed versions, for
// `pulumi about`.
func (h *host) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	root := findPackageRoot(dir)
	if root == "" {
		return nil, fmt.Errorf("no package.json in %s or above it", dir)
	}
	pkg, err := readPackageJSON(filepath.Join(root, "package.json"))
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(pkg.Dependencies)+len(pkg.DevDependencies))
	for name := range pkg.Dependencies {
		names = append(names, name)
	}
	for name := range pkg.DevDependencies {
		names = append(names, name)
	}
	sort.Strings(names)

	var deps []*pulumirpc.DependencyInfo
	for _, name := range names {
		installed, err := readPackageJSON(filepath.Join(root, "node_modules", name, "package.json"))
		if err != nil {
			return nil, fmt.Errorf("%s is a dependency but is not installed; run `npm install`", name)
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: installed.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

func findPackageRoot(dir string) string {
	for {
		if _, err := os.Stat(filepath.Join(dir, "package.json")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// About reports the node executable and version, for `pulumi about`.
func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	out, err := exec.CommandContext(ctx, nodeBin, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("could not run node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: nodeBin,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
	}, nil
}

// InstallDependencies runs `npm install` in the project when its node_modules is missing (as after
// `pulumi new` or `pulumi install`); an installed project is left as it is.
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()

	dir := firstNonEmpty(req.GetInfo().GetProgramDirectory(), req.GetDirectory())
	root := findPackageRoot(dir)
	if root == "" {
		return fmt.Errorf("no package.json in %s or above it", dir)
	}
	if stat, err := os.Stat(filepath.Join(root, "node_modules")); err == nil && stat.IsDir() {
		fmt.Fprintf(stdout, "node_modules is present in %s; not running npm install\n", root)
		return nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return fmt.Errorf("could not find npm on the $PATH: %w", err)
	}
	fmt.Fprintf(stdout, "running npm install in %s\n", root)
	cmd := exec.CommandContext(server.Context(), npm, "install")
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install in %s failed: %w", root, err)
	}
	return closer.Close()
}
