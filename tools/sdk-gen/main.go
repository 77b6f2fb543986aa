// Command sdk-gen writes this package's SDKs (sdk/python, sdk/go, sdk/nodejs) from the provider plugin's
// schema with Pulumi's own code generators, the ones `pulumi package gen-sdk` reaches through each
// language host. The hosts for Python, Go and .NET cannot be installed here (they are not served as Go
// modules), so this calls the generators directly, as the hosts do.
//
// Usage:
//
//	sdk-gen -schema schema.json -out sdk           write the SDKs (each language's folder is replaced)
//	sdk-gen -schema schema.json -out sdk -check    exit 1, naming the files, when sdk/ is not what the
//	                                               schema generates (missing, changed or left-over files)
//
// `-schema -` reads the schema from standard input.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	schemaPath := flag.String("schema", "-", "the package schema (JSON), or - for standard input")
	outDir := flag.String("out", "sdk", "the SDK root: each language is written to <out>/<language>")
	check := flag.Bool("check", false, "compare <out> with what the schema generates instead of writing it")
	languages := flag.String("languages", strings.Join(allLanguages, ","), "the languages to generate")
	flag.Parse()

	if err := run(*schemaPath, *outDir, *check, strings.Split(*languages, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "sdk-gen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, outDir string, check bool, languages []string) error {
	raw, err := readSchema(schemaPath)
	if err != nil {
		return err
	}
	stale := 0
	for _, language := range languages {
		files, err := generate(raw, language)
		if err != nil {
			return fmt.Errorf("%s: %w", language, err)
		}
		dir := outDir + "/" + language
		if !check {
			if err := writeTree(dir, files); err != nil {
				return err
			}
			fmt.Printf("%s: %d files in %s\n", language, len(files), dir)
			continue
		}
		differences, err := compareTree(dir, files)
		if err != nil {
			return err
		}
		for _, difference := range differences {
			fmt.Println(difference)
		}
		stale += len(differences)
	}
	if stale > 0 {
		return fmt.Errorf("%d files in %s differ from what the schema generates: run `npm run sdk:gen`", stale, outDir)
	}
	return nil
}

func readSchema(path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(os.Stdin)
	}
	return os.ReadFile(path)
}
