package main

import (
	"encoding/json"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// Where the SDKs live and what they are called, used for each language the schema's own `language`
// section does not configure (the plugin's schema may carry its own; then it wins). The Pulumi SDK each
// depends on is left to the generators: they require the version their generated code needs
// (@pulumi/pulumi ^3.269.0 and pulumi >=3.269.0 from pkg/v3 v3.277.0).
const repository = "github.com/pulumi-heroku-squadcast/pulumi-heroku-squadcast"

var languageDefaults = map[string]any{
	// The Go SDK is its own module, sdk/go (the go.mod sits one folder above the import base path).
	"go": map[string]any{
		"importBasePath": repository + "/sdk/go/herokusquadcast",
	},
	"python": map[string]any{
		"packageName":    "pulumi_heroku_squadcast",
		"pythonRequires": ">=3.9",
		"pyproject":      map[string]any{"enabled": true},
	},
	// Not @pulumi/...: that scope is Pulumi's. Distinct from this repository's npm package, which serves
	// the dynamic resources.
	"nodejs": map[string]any{
		"packageName":        "pulumi-heroku-squadcast-sdk",
		"packageDescription": "Heroku app webhooks into Squadcast and Sentry, through the heroku-squadcast provider plugin.",
	},
	"csharp": map[string]any{
		"rootNamespace":     "PulumiHerokuSquadcast",
		"packageReferences": map[string]string{"Pulumi": "3.*"},
	},
}

// applyDefaults turns on supportPack (each SDK gets its package metadata and version: go.mod,
// pyproject.toml, package.json) and fills in the language settings the schema leaves out.
func applyDefaults(spec *schema.PackageSpec) error {
	if spec.Meta == nil {
		spec.Meta = &schema.MetadataSpec{}
	}
	spec.Meta.SupportPack = true
	if spec.Repository == "" {
		spec.Repository = "https://" + repository
	}
	if spec.Language == nil {
		spec.Language = map[string]schema.RawMessage{}
	}
	for language, settings := range languageDefaults {
		if _, given := spec.Language[language]; given {
			continue
		}
		raw, err := json.Marshal(settings)
		if err != nil {
			return err
		}
		spec.Language[language] = raw
	}
	return nil
}
