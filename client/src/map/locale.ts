/**
 * MapLibre's own control labels (tooltips, scale units, attribution toggle) in Vietnamese; in
 * English MapLibre's defaults stand. Keys are MapLibre's `locale` option names.
 */
const VI: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Bật/tắt ghi nguồn bản đồ',
  'AttributionControl.MapFeedback': 'Góp ý về bản đồ',
  'FullscreenControl.Enter': 'Toàn màn hình',
  'FullscreenControl.Exit': 'Thoát toàn màn hình',
  'GeolocateControl.FindMyLocation': 'Tìm vị trí của tôi',
  'GeolocateControl.LocationNotAvailable': 'Không xác định được vị trí',
  'LogoControl.Title': 'Logo MapLibre',
  'Map.Title': 'Bản đồ',
  'Marker.Title': 'Điểm đánh dấu',
  'NavigationControl.ResetBearing': 'Đặt lại hướng bắc',
  'NavigationControl.ZoomIn': 'Phóng to',
  'NavigationControl.ZoomOut': 'Thu nhỏ',
  'Popup.Close': 'Đóng',
  'ScaleControl.Feet': 'ft',
  'ScaleControl.Meters': 'm',
  'ScaleControl.Kilometers': 'km',
  'ScaleControl.Miles': 'dặm',
  'ScaleControl.NauticalMiles': 'hải lý',
  'GlobeControl.Enable': 'Bật chế độ quả địa cầu',
  'GlobeControl.Disable': 'Tắt chế độ quả địa cầu',
  'TerrainControl.Enable': 'Bật địa hình',
  'TerrainControl.Disable': 'Tắt địa hình',
  'CooperativeGesturesHandler.WindowsHelpText': 'Giữ Ctrl và cuộn để phóng to, thu nhỏ bản đồ',
  'CooperativeGesturesHandler.MacHelpText': 'Giữ ⌘ và cuộn để phóng to, thu nhỏ bản đồ',
  'CooperativeGesturesHandler.MobileHelpText': 'Dùng hai ngón tay để di chuyển bản đồ',
};

/** The `locale` option for a new map in the UI language (undefined: MapLibre's English). */
export function mapLocale(language: string): Record<string, string> | undefined {
  return language.startsWith('vi') ? VI : undefined;
}
