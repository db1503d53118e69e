package cli

// GatewayProgram is the program that runs the commands that call the
// payment gateway or check its answers: create, transactions and verify.
// The HTTP client (and, for verify, the QR reader) they link would slow
// the start of every other command, so qris runs it for them (found
// beside qris, or on PATH).
const GatewayProgram = "qris-gateway"

// GatewayCommand returns the command called name that qris-gateway runs,
// with its synopsis, summary and examples, which qris lists without it;
// nil when qris-gateway runs no such command. qris-gateway adds what the
// command does, its flags and its help.
func GatewayCommand(name string) *Command { return lookup(gatewayCommands(), name) }

// gatewayCommands lists qris-gateway's commands, as qris's overview
// shows them. It builds the list on each call so that no mutable table
// lives in the package.
func gatewayCommands() []*Command {
	return []*Command{
		{
			Name:    "verify",
			Args:    "[RESPONSE.json|-]",
			Summary: "check a gateway's QRIS API response: amounts, the QR content, the image, the expiry",
			Examples: []string{
				"qris verify response.json",
				"# everything it can check, at a fixed time\nqris verify --request request.json --merchant \"$(cat static.txt)\" --now 2025-03-23T10:00:00+07:00 response.json",
				"curl -s ... | qris verify --json",
			},
		},
		{
			Name:    "create",
			Args:    "[REQUEST.json|-]",
			Summary: "create a QRIS transaction at the gateway, and print it once verified",
			Examples: []string{
				"qris create --reference INV-0001 --amount 10000 --view-name 'Toko Contoh' --callback https://shop.example/qris/notify",
				"# the credentials in the environment, a request file, a local sandbox; keep the code\nexport QRIS_CLIENT_KEY=ck_... QRIS_CLIENT_TOKEN=tk_...\nqris create --host http://127.0.0.1:8080/api request.json | jq -r .qris.content > code.txt",
			},
		},
		{
			Name:    "transactions",
			Summary: "list the gateway's transactions of a day, one page or all",
			Examples: []string{
				"qris transactions --status pending",
				"# every payment received on a day, against a local sandbox\nqris transactions --host http://127.0.0.1:8080/api --date 2025-03-23 --type cashIn --all",
			},
		},
	}
}

// SandboxCommand is serve, which qris-sandbox runs: its summary and
// examples, which qris lists and qris-sandbox's help shows.
func SandboxCommand() *Command {
	return &Command{
		Name:    "serve",
		Summary: "run a local sandbox of the payment gateway's QRIS API",
		Examples: []string{
			"qris serve",
			"# another port, nothing kept, the signature check off\nqris serve --addr 127.0.0.1:9090 --db :memory: --no-signature",
			"# for a client's integration tests: errors on demand, a 200 ms slow answer\nqris serve --db :memory: --faults --fault-delay 200ms",
			"qris serve --merchant \"$(cat static.txt)\" --fee percent:0.7 --fee-payer merchant --clients clients.json",
		},
	}
}
