// Command pulumi-language-nodejs is a small Node.js language host for the Pulumi CLI.
//
// The official host is a Go module of its own that the Go module proxy does not serve, so a CLI built from
// Go modules has none. This one implements the part of the language-runtime protocol that `pulumi preview`,
// `up`, `refresh`, `destroy` and `--policy-pack` use: it starts `node` on the run entry of the
// `@pulumi/pulumi` installed beside the program, and on `@pulumi/pulumi/cmd/run-policy-pack` for a policy
// pack. Code generation, packing and debugging are not implemented (see README, Development).
//
// The engine starts it as `pulumi-language-nodejs [-v=N] [--logtostderr] [--tracing URL] ENGINE_ADDRESS`
// and reads the port of its gRPC server from the first line of its stdout.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// version is stamped by scripts/pulumi-cli.sh; GetPluginInfo and `pulumi about` report it.
var version = "0.1.0"

func main() {
	// The engine also passes -v=N and --logtostderr to every plugin: the SDK's logging package (glog)
	// registers those flags itself, so they parse without being declared here.
	tracing := flag.String("tracing", "", "Zipkin-compatible tracing endpoint, passed on to the program")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()

	if *showVersion {
		fmt.Println(version)
		return
	}

	host := newHost(flag.Arg(0), *tracing)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start the gRPC server: %v\n", err)
		os.Exit(1)
	}

	// The engine waits for this line to know where to connect.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: the gRPC server stopped: %v\n", err)
		os.Exit(1)
	}
}
