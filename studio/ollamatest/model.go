// Package ollamatest runs a real Ollama server for tests and benchmarks: the
// binary built from the same module version as Atelier's API client, on a
// free loopback port with its own models folder, loaded with a tiny
// random-weight model written here.
package ollamatest

import (
	"encoding/binary"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strconv"

	"github.com/ollama/ollama/fs/ggml"
)

// Shape is a llama's size; its weights are F32 and random.
type Shape struct {
	Name                          string
	Blocks, Embedding, FFN, Heads int
}

var (
	// Tiny has 2 blocks, embedding 64, feed-forward 128 and 4 heads:
	// about 0.5 MB, and it answers in milliseconds. The tests use it.
	Tiny = Shape{Name: "atelier-tiny", Blocks: 2, Embedding: 64, FFN: 128, Heads: 4}
	// Bench has 12 blocks, embedding 512, feed-forward 2048 and 8 heads:
	// about 50M parameters (200 MB), so that decoding a token costs what
	// it costs in a small real model, relative to the overheads. The
	// drafting benchmarks use it.
	Bench = Shape{Name: "atelier-bench", Blocks: 12, Embedding: 512, FFN: 2048, Heads: 8}
)

const ctxLength = 8192

// byteTokens returns GPT-2's 256 byte-to-unicode tokens.
func byteTokens() []string {
	var printable []int
	for b := '!'; b <= '~'; b++ {
		printable = append(printable, int(b))
	}
	for b := 0xA1; b <= 0xAC; b++ {
		printable = append(printable, b)
	}
	for b := 0xAE; b <= 0xFF; b++ {
		printable = append(printable, b)
	}
	isPrintable := map[int]bool{}
	for _, b := range printable {
		isPrintable[b] = true
	}
	tokens := make([]string, 256)
	n := 0
	for b := 0; b < 256; b++ {
		if isPrintable[b] {
			tokens[b] = string(rune(b))
		} else {
			tokens[b] = string(rune(256 + n))
			n++
		}
	}
	return tokens
}

// f32 is a tensor of float32 values that writes itself little-endian.
type f32 []float32

func (t f32) WriteTo(w io.Writer) (int64, error) {
	buf := make([]byte, 4*len(t))
	for i, v := range t {
		binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(v))
	}
	n, err := w.Write(buf)
	return int64(n), err
}

// WriteTinyGGUF writes the test model to path, with weights drawn from seed.
func WriteTinyGGUF(path string, seed uint64) error { return WriteGGUF(path, seed, Tiny) }

// WriteGGUF writes a model of the shape to path, with weights drawn from
// seed.
func WriteGGUF(path string, seed uint64, shape Shape) error {
	tokens := append(byteTokens(), "<s>", "</s>")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := ggml.WriteGGUF(f, shape.kv(tokens), shape.tensors(uint64(len(tokens)), seed)); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// kv is the model's metadata: a llama of the shape with GPT-2's byte
// tokens plus <s> and </s>.
func (s Shape) kv(tokens []string) ggml.KV {
	blocks, embedding, ffn, heads := s.Blocks, s.Embedding, s.FFN, s.Heads
	types := make([]int32, len(tokens))
	for i := range types {
		types[i] = 1 // normal
	}
	types[256], types[257] = 3, 3 // control
	return ggml.KV{
		"general.architecture":                   "llama",
		"general.name":                           s.Name,
		"general.file_type":                      uint32(0),
		"general.alignment":                      uint32(32),
		"llama.block_count":                      uint32(blocks),
		"llama.context_length":                   uint32(ctxLength),
		"llama.embedding_length":                 uint32(embedding),
		"llama.feed_forward_length":              uint32(ffn),
		"llama.attention.head_count":             uint32(heads),
		"llama.attention.head_count_kv":          uint32(heads),
		"llama.attention.layer_norm_rms_epsilon": float32(1e-5),
		"llama.rope.dimension_count":             uint32(embedding / heads),
		"llama.rope.freq_base":                   float32(10000),
		"llama.vocab_size":                       uint32(len(tokens)),
		"tokenizer.ggml.model":                   "gpt2",
		"tokenizer.ggml.pre":                     "default",
		"tokenizer.ggml.tokens":                  tokens,
		"tokenizer.ggml.token_type":              types,
		"tokenizer.ggml.merges":                  []string{"Ġ t", "e r"},
		"tokenizer.ggml.bos_token_id":            uint32(256),
		"tokenizer.ggml.eos_token_id":            uint32(257),
		"tokenizer.ggml.add_bos_token":           false,
	}
}

// tensors draws the model's weights from seed.
func (s Shape) tensors(vocab, seed uint64) []*ggml.Tensor {
	blocks, embedding, ffn := s.Blocks, uint64(s.Embedding), uint64(s.FFN)
	rng := rand.New(rand.NewPCG(seed, 0x41544c))
	random := func(n int) f32 {
		t := make(f32, n)
		for i := range t {
			t[i] = float32(rng.NormFloat64() * 0.02)
		}
		return t
	}
	ones := func(n int) f32 {
		t := make(f32, n)
		for i := range t {
			t[i] = 1
		}
		return t
	}
	// Random weights would make every token about equally likely, so JSON
	// strings would run to their maxLength and whitespace would pile up. To
	// make replies short and quick, every token embedding carries a constant
	// in dimension 0, which survives the normalisation, and the output rows
	// of the tokens that close JSON values lean on it while whitespace
	// leans away.
	embd := random(int(embedding * vocab))
	for tok := range vocab {
		embd[tok*embedding] = 4
	}
	out := random(int(embedding * vocab))
	for _, b := range []byte{'"', ',', '}', ']'} {
		out[uint64(b)*embedding] = 0.6
	}
	for _, b := range []byte{' ', '\n', '\t', '\r'} {
		out[uint64(b)*embedding] = -1
	}
	tensor := func(name string, data f32, shape ...uint64) *ggml.Tensor {
		return &ggml.Tensor{Name: name, Kind: 0, Shape: shape, WriterTo: data}
	}
	ts := []*ggml.Tensor{
		tensor("token_embd.weight", embd, embedding, vocab),
		tensor("output_norm.weight", ones(int(embedding)), embedding),
		tensor("output.weight", out, embedding, vocab),
	}
	for b := range blocks {
		p := "blk." + strconv.Itoa(b) + "."
		ts = append(ts,
			tensor(p+"attn_norm.weight", ones(int(embedding)), embedding),
			tensor(p+"attn_q.weight", random(int(embedding*embedding)), embedding, embedding),
			tensor(p+"attn_k.weight", random(int(embedding*embedding)), embedding, embedding),
			tensor(p+"attn_v.weight", random(int(embedding*embedding)), embedding, embedding),
			tensor(p+"attn_output.weight", random(int(embedding*embedding)), embedding, embedding),
			tensor(p+"ffn_norm.weight", ones(int(embedding)), embedding),
			tensor(p+"ffn_gate.weight", random(int(embedding*ffn)), embedding, ffn),
			tensor(p+"ffn_up.weight", random(int(embedding*ffn)), embedding, ffn),
			tensor(p+"ffn_down.weight", random(int(ffn*embedding)), ffn, embedding),
		)
	}
	return ts
}
