package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Files under an SDK folder that are built or installed from it, not generated: never compared.
var builtNames = map[string]bool{
	"node_modules": true, "bin": true, "obj": true, "go.sum": true,
	"__pycache__": true, ".mypy_cache": true, "build": true, "dist": true,
}

func isBuilt(relative string) bool {
	for _, part := range strings.Split(filepath.ToSlash(relative), "/") {
		if builtNames[part] || strings.HasSuffix(part, ".egg-info") {
			return true
		}
	}
	return false
}

// writeTree replaces dir with exactly the generated files (so a type removed from the schema leaves no
// file behind), keeping what was built or installed there.
func writeTree(dir string, files map[string][]byte) error {
	existing, err := listTree(dir)
	if err != nil {
		return err
	}
	for _, relative := range existing {
		if _, generated := files[relative]; !generated {
			if err := os.Remove(filepath.Join(dir, relative)); err != nil {
				return err
			}
		}
	}
	for relative, content := range files {
		path := filepath.Join(dir, relative)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// compareTree names every file that is missing, changed or not generated any more.
func compareTree(dir string, files map[string][]byte) ([]string, error) {
	existing, err := listTree(dir)
	if err != nil {
		return nil, err
	}
	var differences []string
	onDisk := map[string]bool{}
	for _, relative := range existing {
		onDisk[relative] = true
		want, generated := files[relative]
		if !generated {
			differences = append(differences, "not generated any more: "+filepath.Join(dir, relative))
			continue
		}
		have, err := os.ReadFile(filepath.Join(dir, relative))
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(have, want) {
			differences = append(differences, "changed: "+filepath.Join(dir, relative))
		}
	}
	for relative := range files {
		if !onDisk[relative] {
			differences = append(differences, "missing: "+filepath.Join(dir, relative))
		}
	}
	sort.Strings(differences)
	return differences, nil
}

// listTree lists the files under dir (relative paths), skipping what is built there; none when dir is absent.
func listTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && path == dir {
				return filepath.SkipDir
			}
			return err
		}
		relative, _ := filepath.Rel(dir, path)
		if relative != "." && isBuilt(relative) {
			if entry.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !entry.IsDir() {
			files = append(files, relative)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", dir, err)
	}
	return files, nil
}
