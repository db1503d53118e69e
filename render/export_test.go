package render

// What the external tests in scanback_test.go share with the package's own.
var (
	Corpus         = corpus
	GatewayContent = gatewayContent
	FullSticker    = fullSticker
	RasterSVGCode  = rasterSVGCode
)
