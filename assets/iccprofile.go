package assets

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"strings"
	"unicode/utf16"
)

// colourProfile returns the description of the ICC profile embedded in a
// JPEG (APP2 ICC_PROFILE) or PNG (iCCP), "" when there is none. Go's
// decoders ignore profiles and read every file as sRGB, so a file in another
// space (Display P3, Adobe RGB) is named to the user.
func colourProfile(format string, data []byte) string {
	var icc []byte
	switch format {
	case "jpeg":
		icc = jpegICC(data)
	case "png":
		icc = pngICC(data)
	}
	return iccDescription(icc)
}

// IsSRGB says whether a profile description names sRGB (or there is none).
func IsSRGB(profile string) bool {
	return profile == "" || strings.Contains(strings.ToLower(strings.ReplaceAll(profile, " ", "")), "srgb")
}

func jpegICC(data []byte) []byte {
	var icc []byte
	for marker, seg := range jpegSegments(data) {
		if marker == 0xE2 && len(seg) > 14 && string(seg[:12]) == "ICC_PROFILE\x00" {
			icc = append(icc, seg[14:]...) // chunks come in order in practice
		}
	}
	return icc
}

func pngICC(data []byte) []byte {
	for p := 8; p+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[p:]))
		if n < 0 || p+12+n > len(data) {
			return nil
		}
		kind, body := string(data[p+4:p+8]), data[p+8:p+8+n]
		switch kind {
		case "iCCP":
			i := bytes.IndexByte(body, 0)
			if i < 0 || i+2 > len(body) {
				return nil
			}
			r, err := zlib.NewReader(bytes.NewReader(body[i+2:]))
			if err != nil {
				return nil
			}
			icc, _ := io.ReadAll(io.LimitReader(r, 4<<20))
			return icc
		case "IDAT":
			return nil // the profile comes before the pixels
		}
		p += 12 + n
	}
	return nil
}

// iccDescription reads the 'desc' tag of an ICC profile: the v2 text
// description or the v4 multi-localised Unicode text.
func iccDescription(icc []byte) string {
	if len(icc) < 132 {
		return ""
	}
	count := int(binary.BigEndian.Uint32(icc[128:]))
	for i := range min(count, 100) {
		e := 132 + 12*i
		if e+12 > len(icc) {
			return ""
		}
		if string(icc[e:e+4]) != "desc" {
			continue
		}
		off, size := int(binary.BigEndian.Uint32(icc[e+4:])), int(binary.BigEndian.Uint32(icc[e+8:]))
		if off < 0 || size < 12 || off+size > len(icc) {
			return ""
		}
		tag := icc[off : off+size]
		switch string(tag[:4]) {
		case "desc":
			n := int(binary.BigEndian.Uint32(tag[8:]))
			if n <= 0 || 12+n > len(tag) {
				return ""
			}
			return strings.TrimRight(string(tag[12:12+n]), "\x00 ")
		case "mluc":
			if len(tag) < 28 {
				return ""
			}
			n, at := int(binary.BigEndian.Uint32(tag[20:])), int(binary.BigEndian.Uint32(tag[24:]))
			if n <= 0 || at+n > len(tag) || n%2 != 0 {
				return ""
			}
			u := make([]uint16, n/2)
			for j := range u {
				u[j] = binary.BigEndian.Uint16(tag[at+2*j:])
			}
			return strings.TrimRight(string(utf16.Decode(u)), "\x00 ")
		}
	}
	return ""
}
