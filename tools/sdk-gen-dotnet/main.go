// Command sdk-gen-dotnet writes the .NET SDK (sdk/dotnet) from the provider plugin's schema with
// Pulumi's C# code generator. That generator left github.com/pulumi/pulumi/pkg/v3 after v3.228.0 for
// github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3/codegen, which the Go module proxy does not
// serve here; v3.228.0 holds the last copy (deprecated, frozen at the move), so this is its own module
// pinned to that version, beside tools/sdk-gen.
//
// Usage: sdk-gen-dotnet -schema schema.json -out sdk/dotnet
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const (
	tool       = "pulumi-heroku-squadcast sdk-gen-dotnet"
	repository = "github.com/pulumi-heroku-squadcast/pulumi-heroku-squadcast"
	// SchemaHashFile records the schema the SDK was generated from: the staleness check compares it with
	// the schema's hash instead of building this module (the generator is pinned, so equal schemas give
	// equal SDKs).
	SchemaHashFile = ".schema-sha256"
)

// The C# settings used when the schema's `language` section has none (as in tools/sdk-gen).
var csharpDefaults = map[string]any{
	"rootNamespace":     "PulumiHerokuSquadcast",
	"packageReferences": map[string]string{"Pulumi": "3.*"},
}

func main() {
	schemaPath := flag.String("schema", "schema.json", "the package schema (JSON)")
	outDir := flag.String("out", "sdk/dotnet", "the folder the SDK is written to (replaced)")
	flag.Parse()
	if err := run(*schemaPath, *outDir); err != nil {
		fmt.Fprintln(os.Stderr, "sdk-gen-dotnet:", err)
		os.Exit(1)
	}
}

func run(schemaPath, outDir string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("reading the schema: %w", err)
	}
	if spec.Meta == nil {
		spec.Meta = &schema.MetadataSpec{}
	}
	spec.Meta.SupportPack = true
	if spec.Repository == "" {
		spec.Repository = "https://" + repository
	}
	if spec.LogoURL == "" {
		// The generator downloads the package's logo (by default from GitHub, which this machine cannot
		// reach): it gets a plain one of ours from a loopback server instead.
		server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "image/png")
			_, _ = w.Write(plainLogo())
		}))
		defer server.Close()
		spec.LogoURL = server.URL + "/logo.png"
	}
	if spec.Language == nil {
		spec.Language = map[string]schema.RawMessage{}
	}
	if _, given := spec.Language["csharp"]; !given {
		settings, _ := json.Marshal(csharpDefaults)
		spec.Language["csharp"] = settings
	}
	pkg, diags, err := schema.BindSpec(spec, noReferences{}, schema.ValidationOptions{})
	if err != nil {
		return fmt.Errorf("binding the schema: %w", err)
	}
	if diags.HasErrors() {
		return fmt.Errorf("binding the schema: %s", diags.Error())
	}
	files, err := dotnet.GeneratePackage(tool, pkg, nil, nil)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(raw)
	files[SchemaHashFile] = []byte(hex.EncodeToString(sum[:]) + "\n")

	if err := os.RemoveAll(outDir); err != nil {
		return err
	}
	for relative, content := range files {
		path := filepath.Join(outDir, relative)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("dotnet: %d files in %s\n", len(files), outDir)
	return nil
}

// plainLogo is a 64×64 PNG of one colour (the package has no logo of its own).
func plainLogo() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	draw.Draw(img, img.Bounds(), &image.Uniform{C: color.RGBA{R: 0x79, G: 0x4c, B: 0xb6, A: 0xff}}, image.Point{}, draw.Src)
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

// noReferences: the schema names no other package (the generators refuse a nil loader).
type noReferences struct{}

var errNoReferences = errors.New("this schema references no other package")

func (noReferences) LoadPackage(string, *semver.Version) (*schema.Package, error) {
	return nil, errNoReferences
}

func (noReferences) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errNoReferences
}

func (noReferences) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errNoReferences
}

func (noReferences) LoadPackageReferenceV2(
	context.Context, *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, errNoReferences
}
