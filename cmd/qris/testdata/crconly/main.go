// Command crconly is the yardstick of validate --lines's bound, "within 2x
// of a program that only computes each line's CRC over the same file": it
// reads lines from standard input as a person would write it (bufio.Scanner)
// and computes each one's CRC-16/CCITT-FALSE with sigurn/crc16, the CRC the
// issues measure against, and prints their XOR so the work is not dropped.
//
// BenchmarkLinesPrograms builds it and times it beside the qris command.
package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/sigurn/crc16"
)

func main() {
	table := crc16.MakeTable(crc16.CRC16_CCITT_FALSE)
	sc := bufio.NewScanner(bufio.NewReaderSize(os.Stdin, 64<<10))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	var x uint16
	for sc.Scan() {
		x ^= crc16.Checksum(sc.Bytes(), table)
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "crconly:", err)
		os.Exit(2)
	}
	fmt.Printf("%04X\n", x)
}
