// Velero's command (github.com/vmware-tanzu/velero/cmd/velero) with one difference: the
// controller-runtime manager inside `velero server` serves its metrics on DefaultBindAddress,
// ":8080" on every interface, and Velero has no flag for it. Two servers on one machine (one per
// test cluster) would collide there, so VELERO_CONTROLLER_METRICS_ADDRESS, when set, replaces
// that default ("0" switches the listener off). Velero's own --metrics-address and
// --profiler-address are flags already.
package main

import (
	"os"
	"path/filepath"

	"k8s.io/klog/v2"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"github.com/vmware-tanzu/velero/pkg/cmd"
	"github.com/vmware-tanzu/velero/pkg/cmd/velero"
)

func main() {
	defer klog.Flush()
	if address, ok := os.LookupEnv("VELERO_CONTROLLER_METRICS_ADDRESS"); ok {
		metricsserver.DefaultBindAddress = address
	}
	err := velero.NewCommand(filepath.Base(os.Args[0])).Execute()
	cmd.CheckError(err)
}
