/** Strings of the duty-of-care alerts (namespace `careAlerts`), Vietnamese and English. */
export const CARE_ALERT_STRINGS = {
  vi: {
    careAlerts: {
      title: 'Cảnh báo trách nhiệm chăm sóc',
      ack: 'Tiếp nhận',
      acknowledged: 'Đã tiếp nhận',
      safeHouse: 'Nhà an toàn',
      openCount_other: '{{count}} chưa tiếp nhận',
      rule: {
        over_capacity: 'Quá tải: {{occupancyPct}}% sức chứa',
        checklist_no: 'Hạng mục an toàn thiết yếu "không" quá thời hạn: {{item}}',
        gap_unrequested: 'Hạng mục an toàn "không" chưa có yêu cầu: {{item}}',
        no_clinic_nearby: 'Không có cơ sở y tế (CMR) mở trong {{radiusKm}} km',
        hotline_down: 'Đường dây nóng không hoạt động quá thời hạn',
        unconfirmed_in_alert: 'Trong vùng cảnh báo, chưa xác nhận lại đúng hạn',
      },
    },
    activity: {
      'care-alert:raised': 'Cảnh báo trách nhiệm chăm sóc',
      'care-alert:acknowledged': 'Đã tiếp nhận cảnh báo chăm sóc',
      'care-alert:cleared': 'Cảnh báo chăm sóc đã hết',
    },
  },
  en: {
    careAlerts: {
      title: 'Duty-of-care alerts',
      ack: 'Acknowledge',
      acknowledged: 'Acknowledged',
      safeHouse: 'Safe house',
      openCount_one: '{{count}} not acknowledged',
      openCount_other: '{{count}} not acknowledged',
      rule: {
        over_capacity: 'Over capacity: {{occupancyPct}}% full',
        checklist_no: 'Critical safety item "no" for too long: {{item}}',
        gap_unrequested: 'Critical safety item "no" with no request: {{item}}',
        no_clinic_nearby: 'No open clinical (CMR) service within {{radiusKm}} km',
        hotline_down: 'Hotline not working for too long',
        unconfirmed_in_alert: 'In an alert area, not reconfirmed in time',
      },
    },
    activity: {
      'care-alert:raised': 'Duty-of-care alert',
      'care-alert:acknowledged': 'Duty-of-care alert acknowledged',
      'care-alert:cleared': 'Duty-of-care alert cleared',
    },
  },
} as const;
